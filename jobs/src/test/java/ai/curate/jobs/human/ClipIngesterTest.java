package ai.curate.jobs.human;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.ledger.IngestError;
import ai.curate.jobs.video.FrameSignals;
import ai.curate.jobs.video.TestVideos;
import ai.curate.jobs.video.VideoIntegrity;
import ai.curate.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One clip at a time, without Spark: the fixture clip and each way a clip can be bad. */
class ClipIngesterTest {
  private static final LocalDate DATE = LocalDate.of(2026, 1, 15);
  private static final String DATASET = "dexsuite-hands";

  @TempDir
  Path raw;
  @TempDir
  Path scratch;

  private ClipIngester ingester(HumanIngestSettings settings) {
    return new ClipIngester(settings, Configuration::new, scratch.toString());
  }

  private ClipIngestResult ingest(Path dir) {
    return ingest(dir, HumanIngestSettings.defaults());
  }

  private ClipIngestResult ingest(Path dir, HumanIngestSettings settings) {
    return ingester(settings).ingest(location(dir));
  }

  private static ClipLocation location(Path dir) {
    return new ClipLocation(dir.getParent().getFileName().toString(), dir.getFileName().toString(),
        dir.toUri().toString());
  }

  private Path clip(String id) {
    return HumanClipFixture.writeClip(raw, DATE, DATASET, id);
  }

  private static IngestError onlyError(ClipIngestResult r) {
    assertThat(r.errors()).hasSize(1);
    return r.errors().get(0);
  }

  /** The row names the file it is about: as its stream and by its path in the clip's folder. */
  private static void assertNames(IngestError e, String clipId, String file) {
    assertThat(e.stream()).isEqualTo(file);
    assertThat(e.sourcePath()).endsWith("/" + DATASET + "/" + clipId + "/" + file);
  }

  /** The result's one ledger row, which must be of {@code kind}. */
  private static IngestError onlyError(ClipIngestResult r, String kind) {
    IngestError e = onlyError(r);
    assertThat(e.errorKind()).isEqualTo(kind);
    return e;
  }

  @Test
  void theFixtureClipIngests621FramesWithMonotonicTimestampsAnd621PosesJoinedOneToOne() {
    ClipIngestResult r = ingest(clip("hand-0001"));

    assertThat(r.ingested()).isTrue();
    assertThat(r.errors()).isEmpty();
    assertThat(r.metadata().keypointFrame()).isEqualTo("wrist");
    assertThat(r.videoBytes()).isEqualTo(Fixtures.handVideo().toFile().length());
    List<FrameSignals> frames = r.video().frames();
    assertThat(frames).hasSize(621);
    for (int i = 1; i < frames.size(); i++) {
      assertThat(frames.get(i).ptsUs()).isGreaterThan(frames.get(i - 1).ptsUs());
    }
    assertThat(r.pose().frames()).hasSize(621);
    assertThat(r.join().framesWithoutPose()).isZero();
    assertThat(r.join().posesWithoutFrame()).isZero();
    // Pose pts are rounded, JavaCV's frame pts truncated: they agree to a microsecond.
    assertThat(r.join().maxPtsDiffUs()).isLessThanOrEqualTo(1L);
  }

  @Test
  void theFaceBlurPassSurvivesJavaSerialisationAndLeavesNothingOnScratch(@TempDir Path out) throws Exception {
    // Coarse detector: this test is about the ingester's plumbing; FaceBlurrerTest is about detection.
    ai.curate.jobs.video.FaceBlurOptions coarse = new ai.curate.jobs.video.FaceBlurOptions(
        "haarcascade_frontalface_alt2.xml", 1.2, 3, 0.2, 256, 0.2);
    HumanIngestSettings settings = HumanIngestSettings.defaults()
        .withFaceBlur(new HumanIngestSettings.FaceBlur(coarse, out.toUri().toString()));
    // Spark ships the ingester to executors and the results back by Java serialisation: do the same here.
    ClipIngester shipped = roundTrip(ingester(settings));

    ClipIngestResult r = roundTrip(shipped.ingest(location(clip("hand-blur"))));

    assertThat(r.errors()).isEmpty();
    Path copy = out.resolve("date=" + DATE + "/" + DATASET + "/hand-blur/video.mp4");
    assertThat(r.deidentified().path()).isEqualTo(copy.toUri().toString().replace("file:///", "file:/"));
    assertThat(r.deidentified().bytes()).isEqualTo(Files.size(copy));
    assertThat(r.deidentified().result().frames()).isEqualTo(621);
    assertThat(r.deidentified().detector()).contains("detect_width=256");
    try (Stream<Path> left = Files.walk(scratch)) {
      assertThat(left.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(bytes)) {
      o.writeObject(value);
    }
    try (java.io.ObjectInputStream i = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) i.readObject();
    }
  }

  @Test
  void aRemoteVideoIsCopiedToScratchAndTheCopyIsRemovedAfterwards() throws IOException {
    Path dir = clip("hand-remote");
    ClipLocation remote = new ClipLocation(DATASET, "hand-remote",
        CopyTestFileSystem.SCHEME + "://" + dir.toAbsolutePath());
    ClipIngester ingester = new ClipIngester(HumanIngestSettings.defaults(), CopyTestFileSystem::configuration,
        scratch.toString());

    ClipIngestResult r = ingester.ingest(remote);

    assertThat(r.errors()).isEmpty();
    assertThat(r.video().frames()).hasSize(621);
    assertThat(r.videoBytes()).isEqualTo(Fixtures.handVideo().toFile().length());
    assertThat(scratch.resolve("ingest-human")).isDirectory();
    try (Stream<Path> left = Files.list(scratch.resolve("ingest-human"))) {
      assertThat(left).as("scratch copies left behind").isEmpty();
    }
  }

  @Test
  void aClipIdOrDatasetThatIsNotAnIdIsRejectedEvenWhenClipJsonAgrees() throws IOException {
    Path spaced = clip("hand@0001");
    IngestError e = onlyError(ingest(spaced), HumanIngestErrors.CLIP_INVALID);
    assertThat(e.message()).contains("clip_id \"hand@0001\" is not an id");
    assertNames(e, "hand@0001", ClipLocation.CLIP_JSON);

    Path leadingDot = HumanClipFixture.writeClip(raw, DATE, "-dataset", "hand-0002");
    assertThat(onlyError(ingest(leadingDot), HumanIngestErrors.CLIP_INVALID).message()).contains("dataset",
        "-dataset");
  }

  @Test
  void aFolderWithoutClipJsonIsRejected() throws IOException {
    Path dir = clip("no-json");
    Files.delete(dir.resolve(ClipLocation.CLIP_JSON));

    ClipIngestResult r = ingest(dir);

    assertThat(r.ingested()).isFalse();
    IngestError e = onlyError(r, HumanIngestErrors.CLIP_UNREADABLE);
    assertThat(e.clipId()).isEqualTo("no-json");
    assertNames(e, "no-json", ClipLocation.CLIP_JSON);
    assertThat(e.message()).contains("clip.json not found");
  }

  @Test
  void unparsableClipJsonIsRejected() throws IOException {
    Path dir = clip("bad-json");
    Files.writeString(dir.resolve(ClipLocation.CLIP_JSON), "{\"format\": \"human-clip\",");

    IngestError e = onlyError(ingest(dir), HumanIngestErrors.CLIP_UNREADABLE);
    assertThat(e.message()).contains("not valid JSON");
  }

  @Test
  void aClipJsonNamingAnotherClipIsRejected() throws IOException {
    Path dir = clip("hand-0002");
    HumanClipFixture.writeClipJson(dir, DATASET, "hand-0003");

    IngestError e = onlyError(ingest(dir), HumanIngestErrors.CLIP_INVALID);
    assertThat(e.message()).contains("clip_id \"hand-0003\"", "\"hand-0002\"");
  }

  @Test
  void aMissingVideoIsRejected() throws IOException {
    Path dir = clip("no-video");
    Files.delete(dir.resolve(ClipLocation.VIDEO));

    IngestError e = onlyError(ingest(dir), HumanIngestErrors.VIDEO_MISSING);
    assertThat(e.stream()).isEqualTo("video.mp4");
  }

  @Test
  void anUndecodableVideoIsRejectedWithFfmpegsReason() throws IOException {
    Path dir = clip("cut-video");
    TestVideos.truncate(Fixtures.handVideo(), dir.resolve("cut.tmp"), 0.5);
    Files.move(dir.resolve("cut.tmp"), dir.resolve(ClipLocation.VIDEO),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    IngestError e = onlyError(ingest(dir), HumanIngestErrors.VIDEO_UNREADABLE);
    assertThat(e.message()).contains("cannot be decoded", "moov atom not found", "Re-export or re-upload");
  }

  @Test
  void aCorruptVideoIsIngestedFlaggedAndReported() throws IOException {
    Path dir = clip("corrupt-video");
    TestVideos.corrupt(Fixtures.handVideo(), dir.resolve(ClipLocation.VIDEO), 200, 42);

    ClipIngestResult r = ingest(dir);

    assertThat(r.ingested()).isTrue();
    assertThat(r.video().summary().integrity().status()).isEqualTo(VideoIntegrity.DAMAGED);
    assertThat(r.errors()).extracting(IngestError::errorKind).contains(HumanIngestErrors.VIDEO_CORRUPT);
    assertThat(r.errors()).filteredOn(e -> e.errorKind().equals(HumanIngestErrors.VIDEO_CORRUPT)).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("FFmpeg logged", "decode errors", "corrupt=true"));
  }

  @Test
  void malformedPoseLinesAreReportedOneByOneUpToTheCapAndTheRestOfTheTrackIsKept() throws IOException {
    Path dir = clip("bad-pose");
    Path pose = dir.resolve(ClipLocation.POSE);
    List<String> lines = Files.readAllLines(pose);
    for (int i = 100; i < 125; i++) {
      lines.set(i, lines.get(i).substring(0, 40));
    }
    Files.write(pose, lines);
    ClipIngester ingester = ingester(new HumanIngestSettings(false, 160, 20));

    ClipIngestResult r = ingester.ingest(location(dir));

    assertThat(r.ingested()).isTrue();
    assertThat(r.pose().frames()).hasSize(621 - 25);
    assertThat(r.join().framesWithoutPose()).isEqualTo(25);
    assertThat(r.join().posesWithoutFrame()).isZero();
    List<IngestError> poseErrors = r.errors().stream()
        .filter(e -> e.errorKind().equals(HumanIngestErrors.POSE_LINE_MALFORMED)).toList();
    assertThat(poseErrors).hasSize(21);
    assertThat(poseErrors.get(0).message()).startsWith("line 101 skipped: not valid JSON");
    assertThat(poseErrors.get(20).message()).startsWith("5 more malformed lines skipped (25 in all");
    assertThat(poseErrors).allSatisfy(e -> assertThat(e.sourcePath()).endsWith("/bad-pose/pose.jsonl"));
  }

  @Test
  void aClipWithoutPoseIsIngestedWithAWarning() throws IOException {
    Path dir = clip("no-pose");
    Files.delete(dir.resolve(ClipLocation.POSE));

    ClipIngestResult r = ingest(dir);

    assertThat(r.ingested()).isTrue();
    assertThat(r.pose()).isNull();
    onlyError(r, HumanIngestErrors.POSE_MISSING);
  }

  @Test
  void keyFrameTriageSkipsThePoseJoin() {
    ClipIngestResult r = ingest(clip("triage"), HumanIngestSettings.defaults().withKeyframesOnly(true));

    assertThat(r.ingested()).isTrue();
    assertThat(r.video().frames()).hasSizeLessThan(20);
    assertThat(r.pose().frames()).hasSize(621);
    assertThat(r.join()).isNull();
  }

  // ---------------------------------------------------------------- read limits and links (uploads are not trusted)

  private static HumanIngestSettings limited(long clipJson, long poseLine, long poseFile) {
    return HumanIngestSettings.defaults()
        .withLimits(new HumanIngestSettings.ReadLimits(clipJson, poseLine, poseFile));
  }

  private static List<IngestError> ofKind(ClipIngestResult r, String kind) {
    return r.errors().stream().filter(e -> e.errorKind().equals(kind)).toList();
  }

  @Test
  void aPoseLineOverTheLineLimitIsOneLedgerRowAndTheRestOfTheClipIsIngested() throws IOException {
    Path dir = clip("long-line");
    Path pose = dir.resolve(ClipLocation.POSE);
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(pose));
    // Frame 100's line, still valid JSON, padded with spaces to 2 MiB.
    lines.set(100, HumanIngestStageTest.padded(lines.get(100), 2 << 20));
    Files.write(pose, lines);

    ClipIngestResult r = ingest(dir, limited(1 << 20, 64 << 10, 1L << 30));

    assertThat(r.ingested()).isTrue();
    assertThat(r.pose().lines()).isEqualTo(621);
    assertThat(r.pose().frames()).hasSize(620).noneMatch(p -> p.frameIndex() == 100);
    assertThat(r.join().framesWithoutPose()).isEqualTo(1);
    IngestError e = onlyError(r, HumanIngestErrors.POSE_LINE_TOO_LONG);
    assertNames(e, "long-line", ClipLocation.POSE);
    assertThat(e.message()).isEqualTo("line 101 skipped: the line is 2097152 bytes, longer than the limit of 65536"
        + " bytes: it was not read (a pose line is a few kilobytes); the limit is human_ingest.max_pose_line_bytes");
  }

  @Test
  void aClipJsonOverTheFileLimitRejectsTheClipWithoutParsingIt() throws IOException {
    Path dir = clip("big-json");
    String json = Files.readString(dir.resolve(ClipLocation.CLIP_JSON));
    Files.writeString(dir.resolve(ClipLocation.CLIP_JSON), HumanIngestStageTest.padded(json.strip(), 64 << 10));

    ClipIngestResult r = ingest(dir, limited(16 << 10, 1 << 20, 1L << 30));

    assertThat(r.ingested()).isFalse();
    IngestError e = onlyError(r, HumanIngestErrors.CLIP_JSON_TOO_LARGE);
    assertThat(HumanIngestErrors.REJECTING).contains(e.errorKind());
    assertNames(e, "big-json", ClipLocation.CLIP_JSON);
    assertThat(e.message()).startsWith("clip.json is 65536 bytes, more than the limit of 16384 bytes"
        + " (human_ingest.max_clip_json_bytes)");
  }

  @Test
  void aPoseFileOverTheFileLimitIsNotReadAndTheClipIsIngestedWithoutPoses() throws IOException {
    Path dir = clip("big-pose");
    long size = Files.size(dir.resolve(ClipLocation.POSE));

    ClipIngestResult r = ingest(dir, limited(1 << 20, 1 << 20, 100 << 10));

    assertThat(r.ingested()).isTrue();
    assertThat(r.pose()).isNull();
    assertThat(r.join()).isNull();
    IngestError e = onlyError(r, HumanIngestErrors.POSE_FILE_TOO_LARGE);
    assertThat(e.message()).startsWith("pose.jsonl is " + size + " bytes, more than the limit of 102400 bytes"
        + " (human_ingest.max_pose_file_bytes)");
  }

  @Test
  void anEmptyPoseFileIsALedgerWarningNotASilentClipWithoutPoses() throws IOException {
    Path dir = clip("empty-pose");
    Files.writeString(dir.resolve(ClipLocation.POSE), "\n\n");

    ClipIngestResult r = ingest(dir);

    assertThat(r.ingested()).isTrue();
    assertThat(r.pose().frames()).isEmpty();
    assertThat(r.join().framesWithoutPose()).isEqualTo(621);
    IngestError e = onlyError(r, HumanIngestErrors.POSE_EMPTY);
    assertThat(e.message()).contains("pose.jsonl has no lines", "cannot be retargeted");
  }

  @Test
  void aPoseLineWithAnOutOfRangePtsIsSkippedAndLedgered() throws IOException {
    Path dir = clip("bad-pts");
    Path pose = dir.resolve(ClipLocation.POSE);
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(pose));
    lines.set(5, lines.get(5).replace("\"pts_us\":166667", "\"pts_us\":" + Long.MIN_VALUE));
    Files.write(pose, lines);

    ClipIngestResult r = ingest(dir);

    assertThat(r.pose().frames()).hasSize(620);
    IngestError e = onlyError(r, HumanIngestErrors.POSE_LINE_MALFORMED);
    assertThat(e.message()).startsWith("line 6 skipped: \"pts_us\" must be in [0, 9214646400000000)")
        .endsWith("got " + Long.MIN_VALUE);
  }

  /** Replaces {@code file} of the clip by a symbolic link to a file outside the landing zone. */
  private Path linkOut(Path dir, String file) throws IOException {
    Path outside = Files.createTempDirectory(scratch, "outside").resolve(file);
    Files.move(dir.resolve(file), outside);
    Files.createSymbolicLink(dir.resolve(file), outside);
    return outside;
  }

  @Test
  void aSymlinkedPoseFileIsNotReadAndTheClipIsIngestedWithoutPoses() throws IOException {
    Path dir = clip("linked-pose");
    linkOut(dir, ClipLocation.POSE);

    ClipIngestResult r = ingest(dir);

    assertThat(r.ingested()).isTrue();
    assertThat(r.pose()).as("the link's target was not read").isNull();
    IngestError e = onlyError(r, HumanIngestErrors.SYMLINK_SKIPPED);
    assertThat(e.stream()).isEqualTo(ClipLocation.POSE);
    assertThat(e.message()).contains("symbolic link", "ingested without pose rows");
  }

  @Test
  void aSymlinkedClipJsonOrVideoRejectsTheClipWithOneSymlinkRow() throws IOException {
    Path json = clip("linked-json");
    linkOut(json, ClipLocation.CLIP_JSON);
    Path video = clip("linked-video");
    linkOut(video, ClipLocation.VIDEO);

    for (Path dir : List.of(json, video)) {
      ClipIngestResult r = ingest(dir);
      assertThat(r.ingested()).isFalse();
      IngestError e = onlyError(r, HumanIngestErrors.SYMLINK_SKIPPED);
      assertThat(e.message()).contains("symbolic link", "the clip is not ingested");
    }
    assertThat(onlyError(ingest(json)).stream()).isEqualTo(ClipLocation.CLIP_JSON);
    assertThat(onlyError(ingest(video)).stream()).isEqualTo(ClipLocation.VIDEO);
  }

  // ---------------------------------------------------------------- face-blur copy replacement

  /** The local disk, except that every rename fails: a task that dies at the moment a copy is renamed into place. */
  public static class CrashingRenameFileSystem extends org.apache.hadoop.fs.LocalFileSystem {
    @Override
    public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst) throws IOException {
      throw new IOException("simulated crash while renaming " + src + " to " + dst);
    }

    static Configuration configuration() {
      Configuration conf = new Configuration();
      conf.set("fs.file.impl", CrashingRenameFileSystem.class.getName());
      conf.setBoolean("fs.file.impl.disable.cache", true);
      return conf;
    }
  }

  @Test
  void replacingADeidentifiedCopyNeverLeavesItsPathWithoutACompleteCopy(@TempDir Path out) throws IOException {
    Path target = out.resolve("date=" + DATE + "/" + DATASET + "/hand-replace/video.mp4");
    Files.createDirectories(target.getParent());
    byte[] previous = "the previous de-identified copy".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Files.write(target, previous);
    ai.curate.jobs.video.FaceBlurOptions coarse = new ai.curate.jobs.video.FaceBlurOptions(
        "haarcascade_frontalface_alt2.xml", 1.2, 3, 0.2, 256, 0.2);
    HumanIngestSettings settings = HumanIngestSettings.defaults()
        .withFaceBlur(new HumanIngestSettings.FaceBlur(coarse, out.toUri().toString()));
    ClipIngester crashing = new ClipIngester(settings, CrashingRenameFileSystem::configuration, scratch.toString());

    ClipIngestResult r;
    try {
      r = crashing.ingest(location(clip("hand-replace")));
    } catch (java.io.UncheckedIOException crash) {
      r = null;
    }

    // Whatever happened, the copy's path holds a whole copy: the previous one, or the new one in full.
    assertThat(target).exists();
    byte[] now = Files.readAllBytes(target);
    if (!java.util.Arrays.equals(now, previous)) {
      assertThat(r).as("a replaced copy comes from a finished ingest").isNotNull();
      assertThat(r.deidentified().bytes()).isEqualTo(now.length);
    }
    // On the local disk the replacement is one atomic rename: it needs no Hadoop rename, so the crash never comes.
    assertThat(r).isNotNull();
    assertThat(now).isNotEqualTo(previous);
    try (Stream<Path> left = Files.list(target.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("video.mp4");
    }
  }
}
