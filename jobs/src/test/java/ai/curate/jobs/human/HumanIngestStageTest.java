package ai.curate.jobs.human;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.UserError;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.testing.Fixtures;
import ai.curate.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The stage end to end on a local Spark session: real clips in, Delta tables and ledger out. */
class HumanIngestStageTest extends SparkTestBase {
  private static final LocalDate DATE = LocalDate.of(2026, 1, 15);
  private static final String DATASET = "dexsuite-hands";

  private StageContext context(Path raw, Path warehouse, String runId, String... more) {
    // Built-in defaults plus overrides: robust to config sections added later.
    List<String> overrides = new java.util.ArrayList<>(List.of(
        "paths.raw=" + raw, "paths.warehouse=" + warehouse, "paths.scratch=" + temp.resolve("scratch"),
        "catalog.kind=" + CurateConfig.CatalogConfig.SESSION));
    overrides.addAll(List.of(more));
    CurateConfig config = new ai.curate.jobs.config.ConfigLoader().load(null, overrides);
    return new StageContext(spark(), config, DATE, runId);
  }

  /** {@code line} (a JSON object) padded with spaces before its closing brace to {@code bytes} bytes. */
  static String padded(String line, int bytes) {
    return line.substring(0, line.length() - 1) + " ".repeat(bytes - line.length()) + "}";
  }

  /**
   * Five clips: two good (one with some bad pose lines, one of them over the line limit the main test sets), three
   * that cannot be ingested.
   */
  private Path rawWithFiveClips() throws IOException {
    Path raw = temp.resolve("raw");
    HumanClipFixture.writeClip(raw, DATE, DATASET, "hand-good");
    Path badPose = HumanClipFixture.writeClip(raw, DATE, DATASET, "hand-bad-pose");
    List<String> lines = Files.readAllLines(badPose.resolve(ClipLocation.POSE));
    lines.set(10, "{\"frame_index\": 10, \"pts_us\": ");
    lines.set(11, lines.get(11).replace("\"right\"", "\"both\""));
    // A valid line made 2 MiB long with spaces: over the 64 KiB line limit the main test sets, so it is skipped.
    lines.set(12, padded(lines.get(12), 2 << 20));
    Files.write(badPose.resolve(ClipLocation.POSE), lines);
    Files.delete(HumanClipFixture.writeClip(raw, DATE, DATASET, "hand-no-json").resolve(ClipLocation.CLIP_JSON));
    Files.delete(HumanClipFixture.writeClip(raw, DATE, "other-set", "hand-no-video").resolve(ClipLocation.VIDEO));
    Path broken = HumanClipFixture.writeClip(raw, DATE, "other-set", "hand-broken-video");
    Files.writeString(broken.resolve(ClipLocation.VIDEO), "not a video");
    // Not clips: hidden and underscore folders, loose files.
    Files.createDirectories(HumanClipFixture.clipDir(raw, DATE, DATASET, "_tmp"));
    Files.writeString(HumanClipFixture.clipDir(raw, DATE, DATASET, "README.txt"), "notes");
    return raw;
  }

  @Test
  void ingestsGoodClipsIntoBronzeAndBadOnesIntoTheLedgerAndEveryClipIsAccountedFor() throws IOException {
    Path raw = rawWithFiveClips();
    StageContext ctx = context(raw, temp.resolve("wh"), "run-1", "human_ingest.max_pose_line_bytes=65536");

    StageResult result = new HumanIngestStage().run(ctx);

    assertThat(result.counts()).containsEntry("clips", 5L).containsEntry("ingested", 2L).containsEntry("rejected", 3L)
        .containsEntry("frames", 1242L).containsEntry("poses", 621L + 618L).containsEntry("damaged_videos", 0L)
        .containsEntry("ledger_errors", 6L);

    String clips = ctx.writer().location(ai.curate.jobs.tables.Tables.HUMAN_CLIPS);
    List<Object[]> clipRows = sql("SELECT clip_id, frame_count, declared_frame_count, vfr, video_status, rotation_deg,"
        + " pose_rows, pose_malformed_lines, frames_without_pose, poses_without_frame, camera_size_matches_video,"
        + " keypoint_frame, consent, run_id FROM delta.`%s` ORDER BY clip_id", clips);
    assertRows("human_clips", rows(
        row("hand-bad-pose", 621, 621L, false, "ok", 0, 618, 3, 3, 0, true, "wrist", true, "run-1"),
        row("hand-good", 621, 621L, false, "ok", 0, 621, 0, 0, 0, true, "wrist", true, "run-1")), clipRows);

    // Reconciliation: every listed clip is in bronze or rejected in the ledger, never both.
    Set<String> inBronze = ids(sql("SELECT clip_id FROM bronze.human_clips WHERE capture_date = DATE'%s'", DATE));
    Set<String> rejected = ids(sql("SELECT clip_id FROM bronze.ingest_errors WHERE stage = 'ingest-human'"
        + " AND error_kind IN ('clip_unreadable', 'clip_invalid', 'video_missing', 'video_unreadable',"
        + " 'clip_ingest_failed')"));
    assertThat(inBronze).doesNotContainAnyElementsOf(rejected);
    Set<String> all = new HashSet<>(inBronze);
    all.addAll(rejected);
    assertThat(all).containsExactlyInAnyOrder("hand-good", "hand-bad-pose", "hand-no-json", "hand-no-video",
        "hand-broken-video");

    List<Object[]> ledger = sql("SELECT clip_id, stream, error_kind FROM bronze.ingest_errors"
        + " WHERE stage = 'ingest-human' ORDER BY clip_id, error_kind, message");
    assertRows("ingest_errors", rows(
        row("hand-bad-pose", "pose.jsonl", "pose_line_malformed"),
        row("hand-bad-pose", "pose.jsonl", "pose_line_malformed"),
        row("hand-bad-pose", "pose.jsonl", "pose_line_too_long"),
        row("hand-broken-video", "video.mp4", "video_unreadable"),
        row("hand-no-json", "clip.json", "clip_unreadable"),
        row("hand-no-video", "video.mp4", "video_missing")), ledger);
    assertRows("the over-long line's row names the file, the line and the limit", rows(row(
        "line 13 skipped: the line is 2097152 bytes, longer than the limit of 65536 bytes: it was not read (a pose"
            + " line is a few kilobytes); the limit is human_ingest.max_pose_line_bytes")),
        sql("SELECT message FROM bronze.ingest_errors WHERE error_kind = 'pose_line_too_long'"
            + " AND source_path LIKE '%%/hand-bad-pose/pose.jsonl'"));

    assertFixtureFramesAndPoses("hand-good");
  }

  /** The fixture clip's frames and poses, with their signals, keypoints and join. */
  @SuppressWarnings("unchecked")
  private void assertFixtureFramesAndPoses(String clipId) {
    List<Object[]> frames = sql("SELECT count(*), count(DISTINCT frame_index), min(frame_index), max(frame_index),"
        + " min(pts_us), max(pts_us), sum(CAST(key_frame AS INT)), min(brightness) > 0, max(brightness) <= 255,"
        + " min(sharpness) > 0, count(diff_prev) FROM bronze.human_video_frames WHERE clip_id = '%s'", clipId);
    assertRows("frame summary", rows(row(621L, 621L, 0, 620, 0L, 20_666_666L, 3L, true, true, true, 620L)), frames);
    List<Object[]> nonMonotonic = sql("SELECT count(*) FROM (SELECT pts_us - lag(pts_us) OVER (ORDER BY frame_index)"
        + " AS step FROM bronze.human_video_frames WHERE clip_id = '%s') WHERE step <= 0", clipId);
    assertThat(nonMonotonic.get(0)[0]).isEqualTo(0L);

    List<Object[]> poses = sql("SELECT count(*), sum(CAST(has_frame AS INT)), max(abs(pts_us - video_pts_us)),"
        + " min(size(hands)), min(size(hands[0].keypoints_3d)), min(size(hands[0].keypoints_3d[20])),"
        + " count(hands[0].confidence), count(body) FROM bronze.human_poses WHERE clip_id = '%s'", clipId);
    assertRows("pose summary", rows(row(621L, 621L, 1L, 1, 21, 3, 0L, 0L)), poses);

    // The fixture's thumb keypoint (index 1) of frame 0, read back from the table (float precision).
    List<Object[]> wristAndThumb = sql("SELECT hands[0].side, hands[0].keypoints_3d[1] FROM bronze.human_poses"
        + " WHERE clip_id = '%s' AND frame_index = 0", clipId);
    assertThat(wristAndThumb.get(0)[0]).isEqualTo("right");
    assertThat((List<Object>) wristAndThumb.get(0)[1]).containsExactly(0.0097776f, 0.0310392f, 0.0196513f);
  }

  @Test
  void aRerunReplacesTheDateInsteadOfAppending() throws IOException {
    Path raw = temp.resolve("raw");
    HumanClipFixture.writeClip(raw, DATE, DATASET, "hand-good");
    Files.delete(HumanClipFixture.writeClip(raw, DATE, DATASET, "hand-no-json").resolve(ClipLocation.CLIP_JSON));
    Path warehouse = temp.resolve("wh");
    new HumanIngestStage().run(context(raw, warehouse, "run-1"));
    StageResult second = new HumanIngestStage().run(context(raw, warehouse, "run-2"));

    assertThat(second.counts()).containsEntry("clips", 2L).containsEntry("ingested", 1L).containsEntry("rejected", 1L);
    assertRows("clips after rerun", rows(row(1L, "run-2")),
        sql("SELECT count(*), max(run_id) FROM bronze.human_clips"));
    assertRows("frames after rerun", rows(row(621L)), sql("SELECT count(*) FROM bronze.human_video_frames"));
    assertRows("poses after rerun", rows(row(621L)), sql("SELECT count(*) FROM bronze.human_poses"));
    assertRows("ledger after rerun", rows(row(1L, "run-2")),
        sql("SELECT count(*), max(run_id) FROM bronze.ingest_errors WHERE stage = 'ingest-human'"));
    // Apart from run metadata, a rerun reproduces the rows exactly.
    String columns = "capture_date, dataset, clip_id, frame_index, pts_us, key_frame, brightness, contrast, sharpness,"
        + " diff_prev, max_diff_prev, scene_score, frozen, black, scene_cut";
    assertRows("frames identical across runs", rows(row(0L)), sql("SELECT count(*) FROM ("
        + " SELECT %1$s FROM delta.`%2$s` VERSION AS OF 0 EXCEPT SELECT %1$s FROM delta.`%2$s`)", columns,
        context(raw, warehouse, "x").writer().location(ai.curate.jobs.tables.Tables.HUMAN_VIDEO_FRAMES)));
    // The face-blur pass is off by default: no copies.
    assertThat(warehouse.resolve("deidentified")).doesNotExist();
  }

  @Test
  void aDateWithoutHumanClipsIsAUserError() {
    StageContext ctx = context(temp.resolve("empty-raw"), temp.resolve("wh"), "run-1");

    assertThatThrownBy(() -> new HumanIngestStage().run(ctx))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("no human clip input for this date")
        .hasMessageContaining("date=" + DATE);
  }

  @Test
  void keyFrameTriageWritesOnlyKeyFrames() throws IOException {
    Path raw = temp.resolve("raw");
    HumanClipFixture.writeClip(raw, DATE, DATASET, "hand-0001");
    StageContext ctx = context(raw, temp.resolve("wh"), "run-1");

    new HumanIngestStage(HumanIngestSettings.defaults().withKeyframesOnly(true)).run(ctx);

    assertRows("triage clip", rows(row("keyframes", 3, null, null)), sql("SELECT analysis_mode, frame_count,"
        + " frames_without_pose, truncated FROM bronze.human_clips WHERE clip_id = 'hand-0001'"));
    assertRows("triage frames", rows(row(3L, 3L)),
        sql("SELECT count(*), sum(CAST(key_frame AS INT)) FROM bronze.human_video_frames WHERE clip_id = 'hand-0001'"));
    assertRows("triage poses", rows(row(621L, 0L)),
        sql("SELECT count(*), count(has_frame) FROM bronze.human_poses WHERE clip_id = 'hand-0001'"));
  }

  @Test
  void theFaceBlurPassWritesADeidentifiedCopyPerIngestedClipAndARerunReplacesIt() throws Exception {
    Path raw = temp.resolve("raw");
    HumanClipFixture.writeClip(raw, DATE, DATASET, "hand-good");
    Path broken = HumanClipFixture.writeClip(raw, DATE, DATASET, "hand-broken-video");
    Files.writeString(broken.resolve(ClipLocation.VIDEO), "not a video");
    Path warehouse = temp.resolve("wh");

    // A coarser detector than the default keeps the two runs quick; the detector itself is FaceBlurrerTest's subject.
    String[] blur = {"human_ingest.face_blur.enabled=true", "human_ingest.face_blur.detect_width=256",
        "human_ingest.face_blur.min_face_fraction=0.2"};
    new HumanIngestStage().run(context(raw, warehouse, "run-1", blur));
    new HumanIngestStage().run(context(raw, warehouse, "run-2", blur));

    Path expected = warehouse.resolve("deidentified/human/date=" + DATE + "/" + DATASET + "/hand-good/video.mp4");
    List<Object[]> copies = sql(
        "SELECT clip_id, deidentified_path, deidentified_bytes, frames, frames_with_faces <= frames,"
            + " detector LIKE 'opencv-haar haarcascade_frontalface_alt2.xml %%detect_width=256%%', decode_stopped, run_id"
            + " FROM bronze.human_deidentified");
    assertRows("one copy per ingested clip, replaced by the rerun", rows(row("hand-good",
        expected.toUri().toString().replace("file:///", "file:/"), Files.size(expected), 621L, true, true, null,
        "run-2")), copies);
    // Frame for frame: the copy decodes to the source's 621 frames, so frame_index joins still hold.
    assertThat(new ai.curate.jobs.video.VideoAnalyzer(ai.curate.jobs.video.VideoAnalysisOptions.defaults())
        .analyze(expected).frames()).hasSize(621);
    try (java.util.stream.Stream<Path> left = Files.list(expected.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("video.mp4");
    }
  }

  @Test
  void fleetCameraVideosOfTheDateAreDecodedWithTheSameSignalsAndABrokenOneGoesToTheLedger() throws IOException {
    Path raw = temp.resolve("raw");
    Path cameras = raw.resolve("fleet/date=" + DATE + "/neo-0007/session-a/cameras");
    Files.createDirectories(cameras);
    Files.copy(Fixtures.handVideo(), cameras.resolve("head.mp4"));
    Files.writeString(cameras.resolve("wrist.mp4"), "not a video");
    Files.writeString(cameras.resolve("head.frames.arrow"), "frame times are ingest-fleet's business");
    // No human folder for the date: the fleet videos alone are input enough.
    StageContext ctx = context(raw, temp.resolve("wh"), "run-1");

    StageResult result = new HumanIngestStage().run(ctx);

    // The default packets mode: every frame's packet is read, a key frame decoded every two seconds at most.
    assertThat(result.counts()).containsEntry("clips", 0L).containsEntry("camera_videos", 2L)
        .containsEntry("camera_videos_decoded", 1L).containsEntry("camera_videos_unreadable", 1L)
        .containsEntry("camera_frames", 621L);
    long keyFrames = (Long) sql("SELECT count_if(key_frame) FROM bronze.fleet_video_packets").get(0)[0];
    assertThat(keyFrames).isBetween(1L, 621L / 10);
    long decoded = result.counts().get("camera_frames_decoded");
    assertThat(decoded).isBetween(1L, keyFrames);
    assertRows("decoded key frames", rows(row(decoded, decoded)), sql("SELECT count(*), count_if(key_frame)"
        + " FROM bronze.fleet_video_frames"));
    assertRows("fleet_video_quality", rows(row("neo-0007", "session-a", "head", 621, (int) keyFrames, "ok", false,
        "packets", 0, 0, "run-1")), sql(
            "SELECT robot_id, session_id, camera, frame_count, key_frame_count,"
                + " video_status, vfr, analysis_mode, dropped_frames, size(video_flags), run_id"
                + " FROM bronze.fleet_video_quality"));
    assertRows("one packet row per frame, in presentation order, sizes adding up to the video's", rows(row(621L,
        0, 620, true)), sql(
            "SELECT count(*), min(frame_index), max(frame_index), sum(p.packet_bytes) ="
                + " max(q.packet_bytes) FROM bronze.fleet_video_packets p"
                + " JOIN bronze.fleet_video_quality q USING (session_id, camera)"));
    // The same analyser as human clips: the fleet key frames equal the fixture clip's own rows of those frames.
    HumanClipFixture.writeClip(raw, DATE, DATASET, "hand-good");
    new HumanIngestStage().run(context(raw, temp.resolve("wh"), "run-2"));
    assertRows("fleet key frames match the human frames of the same video", rows(row(decoded, 0L)), sql(
        "SELECT count(*), count(*) - count(h.frame_index) FROM bronze.fleet_video_frames f LEFT JOIN"
            + " bronze.human_video_frames h ON h.frame_index = f.frame_index AND h.pts_us = f.pts_us"
            + " AND h.sharpness = f.sharpness AND h.brightness = f.brightness AND h.clip_id = 'hand-good'"
            + " AND h.key_frame"));
    assertRows("ledger", rows(row("session-a", "wrist", "camera_video_unreadable")), sql(
        "SELECT session_id, stream, error_kind FROM bronze.ingest_errors WHERE stage = 'ingest-human'"));
  }

  private static Set<String> ids(List<Object[]> rows) {
    return rows.stream().map(r -> (String) r[0]).collect(Collectors.toSet());
  }
}
