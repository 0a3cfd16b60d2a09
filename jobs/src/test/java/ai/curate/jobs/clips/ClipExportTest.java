package ai.curate.jobs.clips;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.cli.CliRun;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.fleet.VideoPaths;
import ai.curate.jobs.sample.FaultyPipeline;
import ai.curate.jobs.sample.SampleFixture;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.TableReader;
import ai.curate.jobs.tables.Tables;
import ai.curate.jobs.video.TestVideos;
import ai.curate.testing.SparkTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Clips of the faulty sample after the real pipeline (ingest, align, retarget, quality, publish), with the shipped
 * Cosmos-style profile (two cameras, letterboxed, overlapping windows at a third of the grid's rate): the shards are
 * read with GNU tar, the MP4s probed and decoded with the ffmpeg CLI, and each MP4 frame matched against the source
 * video's frame its record names.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClipExportTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path out;
  private static StageResult first;
  private static Map<String, String> firstHashes;

  private static ClipProfile profile() {
    return ClipProfile.load(SampleFixture.projectDir().resolve("configs/clips/cosmos-action.yaml"));
  }

  private StageResult export(boolean force) {
    FaultyPipeline p = FaultyPipeline.published(spark());
    StageResult.Builder result = StageResult.builder(ClipExportStage.NAME);
    ClipExport.run(new StageContext(spark(), p.config, SampleFixture.DATE, "run-clips-" + force),
        new ClipExport.Request(out.toString(), profile(), List.of(), List.of()), ClipSettings.from(p.config), force,
        result);
    return result.build();
  }

  private synchronized void exportOnce() throws IOException {
    if (first == null) {
      out = SampleFixture.tempDir("curate-clips");
      first = export(false);
      firstHashes = fileHashes(out);
    }
  }

  private TableReader tables() {
    return new TableReader(spark(), FaultyPipeline.get(spark()).warehouse.toString());
  }

  private List<Row> index() {
    return tables().readDate(Tables.CLIPS, SampleFixture.DATE).orderBy("shard", "clip_id").collectAsList();
  }

  @Test
  @Order(1)
  void everyClipHasOneMp4PerCameraAndItsRecordSideBySideInAShardGnuTarReads() throws Exception {
    exportOnce();
    List<Row> rows = index();
    assertThat(first.counts().get("clips")).isEqualTo((long) rows.size()).isPositive();
    assertThat(rows.stream().map(r -> r.<String>getAs("source")).distinct()).containsExactlyInAnyOrder("fleet",
        "human");
    Map<String, List<Row>> byShard = new TreeMap<>();
    rows.forEach(r -> byShard.computeIfAbsent(r.getAs("shard"), k -> new ArrayList<>()).add(r));
    for (Map.Entry<String, List<Row>> shard : byShard.entrySet()) {
      Path tar = out.resolve(shard.getKey());
      List<String> listed = run("tar", "-tf", tar.toString()).lines().toList();
      List<String> expected = new ArrayList<>();
      for (Row r : shard.getValue().stream().sorted((a, b) -> Long.compare(offset(a, 0), offset(b, 0))).toList()) {
        String id = r.getAs("clip_id");
        List<String> cameras = r.getList(r.fieldIndex("cameras"));
        cameras.forEach(c -> expected.add(id + "." + c + ".mp4"));
        expected.add(id + ".json");
      }
      assertThat(listed).as("members of " + shard.getKey() + ", clip by clip").isEqualTo(expected);
      // The index's offsets and sizes are where GNU tar finds each member's bytes.
      Path extracted = Files.createTempDirectory(out, "x");
      run("tar", "-xf", tar.toString(), "-C", extracted.toString());
      for (Row r : shard.getValue()) {
        for (Row m : r.<Row>getList(r.fieldIndex("members"))) {
          byte[] member = Files.readAllBytes(extracted.resolve(m.<String>getAs("name")));
          assertThat(slice(tar, m.getAs("offset"), m.getAs("size"))).isEqualTo(member);
        }
      }
    }
  }

  @Test
  @Order(2)
  void everyMp4HasTheProfilesFramesRateAndSizeAndEachFrameIsTheSourceFrameItsRecordNames() throws Exception {
    TestVideos.assumeFfmpeg();
    exportOnce();
    ClipProfile profile = profile();
    CurateConfig config = FaultyPipeline.get(spark()).config;
    List<Row> rows = index();
    int matchedFrames = 0;
    double bestMargin = 0;
    for (Row r : rows) {
      JsonNode record = record(r);
      for (String camera : r.<String>getList(r.fieldIndex("cameras"))) {
        Path mp4 = member(r, r.getAs("clip_id") + "." + camera + ".mp4");
        assertThat(ffprobe(mp4)).as(mp4.toString()).isEqualTo("h264," + profile.width() + "," + profile.height()
            + ",10/1," + profile.frames());
      }
      // Frame fingerprints for the first clip of each source and camera kind (decoding every source is slow).
      if (!r.<String>getAs("clip_id").startsWith("0") && !r.<String>getAs("clip_id").startsWith("f")) {
        continue;
      }
      for (String camera : r.<String>getList(r.fieldIndex("cameras"))) {
        Path source = sourceVideo(r, camera, config);
        double[][] clip = fingerprints(member(r, r.getAs("clip_id") + "." + camera + ".mp4"), true);
        JsonNode frames = record.get("camera_frame_index").get(camera);
        for (int k = 0; k < profile.frames(); k++) {
          int index = frames.get(k).asInt();
          double matched = mae(clip[k], sourceFingerprint(source, index));
          assertThat(matched).as("frame %d of %s %s vs source frame %d", k, r.getAs("clip_id"), camera, index)
              .isLessThan(6.0);
          for (int other = Math.max(0, index - 3); other <= index + 3; other++) {
            if (other != index) {
              double d = mae(clip[k], sourceFingerprint(source, other));
              assertThat(matched).as("frame %d matches source frame %d better than %d", k, index, other)
                  .isLessThanOrEqualTo(d + 0.5);
              bestMargin = Math.max(bestMargin, d - matched);
            }
          }
          matchedFrames++;
        }
      }
    }
    assertThat(matchedFrames).as("frames fingerprinted").isPositive();
    assertThat(bestMargin).as("the fingerprint tells neighbouring frames apart somewhere").isGreaterThan(1.0);
  }

  @Test
  @Order(3)
  void noClipCrossesAnEpisodeOrAnInvalidStepAndRecordsCarryTheStepsValues() throws Exception {
    exportOnce();
    Dataset<Row> steps = tables().readDate(Tables.TIMESTEPS, SampleFixture.DATE);
    for (Row r : index()) {
      JsonNode record = record(r);
      String source = r.getAs("source");
      Dataset<Row> episode = steps.where(col("source").equalTo(source).and(col("episode_id").equalTo(
          r.<String>getAs("episode_id"))).and(source.equals("fleet")
              ? col("session_id").equalTo(r.<String>getAs("session_id"))
              : col("dataset").equalTo(r.<String>getAs("dataset"))));
      int firstStep = r.getAs("first_step");
      int lastStep = r.getAs("last_step");
      String valid = "joint_state_valid AND action_valid"
          + (source.equals("fleet")
              ? " AND wrench_left_valid AND wrench_right_valid AND tactile_left_valid"
                  + " AND tactile_right_valid"
              : "");
      Dataset<Row> span = episode.where(col("step_index").between(firstStep, lastStep));
      assertThat(span.count()).as("steps %d..%d of the episode", firstStep, lastStep)
          .isEqualTo(lastStep - firstStep + 1);
      assertThat(span.where("NOT (" + valid + ")").count()).as("invalid steps inside clip " + r.getAs("clip_id"))
          .isZero();
      // Every frame shows a camera frame of every camera.
      for (String camera : r.<String>getList(r.fieldIndex("cameras"))) {
        record.get("camera_frame_index").get(camera).forEach(f -> assertThat(f.isIntegralNumber()).isTrue());
      }
      // Record k's state and action are those of the step it names (checked on the first and last frame).
      for (int k : new int[] {0, record.get("step_index").size() - 1}) {
        int stepIndex = record.get("step_index").get(k).asInt();
        Row step = episode.where(col("step_index").equalTo(stepIndex)).first();
        List<Float> state = step.getList(step.fieldIndex("joint_position"));
        assertThat(record.get("state").get(k).get(3).floatValue()).isEqualTo(state.get(3));
        assertThat(record.get("timestamp_ns").get(k).asLong()).isEqualTo(step.<Long>getAs("ts_ns"));
        if (source.equals("human")) {
          // A human clip's action is the next frame's retargeted joints.
          Row next = episode.where(col("step_index").equalTo(stepIndex + 1)).first();
          List<Float> nextState = next.getList(next.fieldIndex("joint_position"));
          assertThat(record.get("action").get(k).get(3).floatValue()).isEqualTo(nextState.get(3));
        }
      }
    }
  }

  @Test
  @Order(4)
  void aRerunWithTheSameInputsIsSkippedAndAForcedOneWritesTheSameBytes() throws Exception {
    exportOnce();
    StageResult again = export(false);
    assertThat(again.counts().get("up_to_date")).isEqualTo(1L);
    assertThat(fileHashes(out)).isEqualTo(firstHashes);
    StageResult forced = export(true);
    assertThat(forced.counts().get("clips")).isEqualTo(first.counts().get("clips"));
    assertThat(fileHashes(out)).as("every shard, byte for byte").isEqualTo(firstHashes);
  }

  @Test
  @Order(5)
  void anEpisodeWithoutAVideoForAProfileCameraGoesToTheLedgerAndTheRestIsExported() throws Exception {
    FaultyPipeline p = FaultyPipeline.published(spark());
    Path dir = SampleFixture.tempDir("curate-clips-missing");
    Path yaml = dir.resolve("chest.yaml");
    Files.writeString(yaml, "name: chest\nframes: 4\nfps: 10\nwidth: 64\nheight: 48\nresize: crop\n"
        + "cameras: [head, chest]\nstride: 4\nmodalities: [state]\n");
    ClipProfile chest = ClipProfile.load(yaml);
    ClipExport.Request request = new ClipExport.Request(dir.resolve("out").toString(), chest, List.of(), List.of());
    StageResult.Builder result = StageResult.builder(ClipExportStage.NAME);
    ClipExport.run(new StageContext(spark(), p.config, SampleFixture.DATE, "run-chest"), request,
        ClipSettings.from(p.config), false, result);
    Map<String, Long> counts = result.build().counts();

    long fleetEpisodes = tables().readDate(Tables.EPISODES, SampleFixture.DATE).where("source = 'fleet'").count();
    List<Row> ledger = tables().readDate(Tables.INGEST_ERRORS, SampleFixture.DATE)
        .where(col("stage").startsWith("export-clips:chest:")).collectAsList();
    assertThat(ledger).hasSize((int) fleetEpisodes);
    for (Row e : ledger) {
      assertThat(e.<String>getAs("error_kind")).isEqualTo("clip_video_unreadable");
      assertThat(e.<String>getAs("stream")).isEqualTo("chest");
      assertThat(e.<String>getAs("message")).contains("no video for camera chest");
    }
    assertThat(counts.get("failed_episodes")).isEqualTo(fleetEpisodes);
    assertThat(counts.get("ledger_errors")).isEqualTo(fleetEpisodes);
    // Human clips have their one camera: exported all the same.
    List<Row> clips = tables().readDate(Tables.CLIPS, SampleFixture.DATE).where("profile = 'chest'").collectAsList();
    assertThat(clips).isNotEmpty().allMatch(r -> r.getAs("source").equals("human"));
    assertThat(counts.get("clips")).isEqualTo((long) clips.size());

    // An export that left errors is not skipped the next time.
    StageResult.Builder again = StageResult.builder(ClipExportStage.NAME);
    ClipExport.run(new StageContext(spark(), p.config, SampleFixture.DATE, "run-chest-2"), request,
        ClipSettings.from(p.config), false, again);
    assertThat(again.build().counts()).doesNotContainKey("up_to_date").containsEntry("clips", (long) clips.size());
  }

  @Test
  void usageErrorsAreOneLine() {
    CliRun.of("export", "clips", "--profile", "configs/clips/cosmos-action.yaml", "--date", "2026-01-15",
        "--split", "holdout").assertUserError("--split", "holdout");
    CliRun.of("export", "clips", "--profile", "configs/clips/cosmos-action.yaml").assertUserError("--date");
    CliRun.of("export", "clips", "--profile", "configs/clips/cosmos-action.yaml", "--from", "2026-01-16",
        "--to", "2026-01-15").assertUserError("--to");
  }

  // --- helpers ---

  private static long offset(Row clip, int member) {
    return clip.<Row>getList(clip.fieldIndex("members")).get(member).getAs("offset");
  }

  private static byte[] slice(Path file, long offset, long size) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      byte[] out = new byte[(int) size];
      f.seek(offset);
      f.readFully(out);
      return out;
    }
  }

  private static Path member(Row clip, String name) throws IOException {
    for (Row m : clip.<Row>getList(clip.fieldIndex("members"))) {
      if (m.getAs("name").equals(name)) {
        Path file = out.resolve("members").resolve(name);
        if (!Files.exists(file)) {
          Files.createDirectories(file.getParent());
          Files.write(file, slice(out.resolve(clip.<String>getAs("shard")), m.getAs("offset"), m.getAs("size")));
        }
        return file;
      }
    }
    throw new AssertionError("no member " + name);
  }

  private static JsonNode record(Row clip) throws IOException {
    return JSON.readTree(member(clip, clip.getAs("clip_id") + ".json").toFile());
  }

  private Path sourceVideo(Row clip, String camera, CurateConfig config) {
    String path;
    if (clip.getAs("source").equals("human")) {
      path = tables().readDate(Tables.HUMAN_CLIPS, SampleFixture.DATE).where(col("clip_id").equalTo(
          clip.<String>getAs("episode_id"))).select("video_path").first().getString(0);
    } else {
      path = VideoPaths.resolve(config.paths().warehouse(), tables().readDate(Tables.VIDEOS, SampleFixture.DATE)
          .where(col("session_id").equalTo(clip.<String>getAs("session_id")).and(col("camera").equalTo(camera)))
          .select("video_path").first().getString(0));
    }
    return path.startsWith("file:") ? Path.of(URI.create(path)) : Path.of(path);
  }

  private static final Map<String, double[][]> DECODED = new java.util.HashMap<>();

  private static double[] sourceFingerprint(Path video, int frame) throws IOException {
    double[][] all = DECODED.get(video.toString());
    if (all == null) {
      all = fingerprints(video, false);
      DECODED.put(video.toString(), all);
    }
    return all[frame];
  }

  /**
   * Per frame, the mean luma of a 4 x 4 grid over the picture (for a clip: over its letterboxed content only), as
   * the ffmpeg CLI decodes it: scale-invariant, so a clip frame and its source frame agree.
   */
  private static double[][] fingerprints(Path video, boolean clip) throws IOException {
    String[] size = run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height",
        "-of", "csv=p=0", video.toString()).trim().split(",");
    int w = Integer.parseInt(size[0]);
    int h = Integer.parseInt(size[1]);
    Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-i", video.toString(), "-f", "rawvideo", "-pix_fmt",
        "gray", "-").start();
    byte[] raw;
    try (var in = p.getInputStream()) {
      raw = in.readAllBytes();
    }
    int frames = raw.length / (w * h);
    int x0 = 0;
    int x1 = w;
    if (clip) {
      // The profile letterboxes the 4:3 sources into 320 x 192: the picture is 256 x 192, centred.
      int content = (int) Math.round(160 * Math.min(w / 160.0, h / 120.0));
      x0 = (w - content) / 2;
      x1 = x0 + content;
    }
    double[][] out = new double[frames][16];
    for (int f = 0; f < frames; f++) {
      long[] sums = new long[16];
      long[] counts = new long[16];
      for (int y = 0; y < h; y++) {
        int gy = Math.min(3, y * 4 / h);
        for (int x = x0; x < x1; x++) {
          int gx = Math.min(3, (x - x0) * 4 / (x1 - x0));
          sums[gy * 4 + gx] += raw[f * w * h + y * w + x] & 0xff;
          counts[gy * 4 + gx]++;
        }
      }
      for (int i = 0; i < 16; i++) {
        out[f][i] = sums[i] / (double) counts[i];
      }
    }
    return out;
  }

  private static double mae(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i] - b[i]);
    }
    return s / a.length;
  }

  private static String ffprobe(Path video) throws IOException {
    return run("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
        "stream=codec_name,width,height,r_frame_rate,nb_read_frames", "-of", "csv=p=0", video.toString()).trim();
  }

  private static String run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (var in = p.getInputStream()) {
      in.transferTo(bytes);
    }
    try {
      assertThat(p.waitFor()).as(String.join(" ", command) + ": " + bytes).isZero();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return bytes.toString();
  }

  /** sha256 of every shard under {@code root}, by relative path. */
  private static Map<String, String> fileHashes(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".tar")).toList()) {
        try {
          out.put(root.relativize(f).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
              .digest(Files.readAllBytes(f))));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return out;
  }
}
