package ai.curate.jobs.human;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.curate.jobs.config.ConfigLoader;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.human.egodex.EgodexDefaults;
import ai.curate.jobs.retarget.RetargetStage;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.Tables;
import ai.curate.testing.Fixtures;
import ai.curate.testing.SparkTestBase;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ai.curate.jobs.sample.SampleGenerator;
import ai.curate.jobs.sample.SampleOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ingest-human on EgoDex recordings written by h5py and encoded by the ffmpeg CLI: the keypoints land in
 * bronze.human_poses in the camera frame, equal to the known values; each bad recording is one ledger entry while the
 * rest of the date is ingested; the good recording retargets, arms included.
 */
class EgodexIngestStageTest extends SparkTestBase {
  private static final LocalDate DATE = LocalDate.of(2026, 1, 15);
  private static final int FRAMES = 36;
  private static final String TASK = "basic_pick_place";

  @BeforeEach
  void requireTools() {
    EgodexTestFiles.assumeH5py();
  }

  private StageContext context(Path raw, Path warehouse, String runId, String... more) {
    List<String> overrides = new ArrayList<>(List.of(
        "paths.raw=" + raw, "paths.warehouse=" + warehouse, "paths.scratch=" + temp.resolve("scratch"),
        "catalog.kind=" + CurateConfig.CatalogConfig.SESSION, "human_ingest.fleet_cameras=false",
        "retarget.robot_config=" + Fixtures.project("configs/robots/neo/retarget-hands.yaml")));
    overrides.addAll(List.of(more));
    return new StageContext(spark(), new ConfigLoader().load(null, overrides), DATE, runId);
  }

  private static Path taskDir(Path raw) {
    return raw.resolve("egodex").resolve("date=" + DATE).resolve(TASK);
  }

  @Test
  void recordingsLandInTheCameraFrameBadOnesInTheLedgerAndTheGoodOneRetargets() throws Exception {
    Path raw = temp.resolve("raw");
    Path dir = taskDir(raw);
    EgodexTestFiles.Motion m = EgodexTestFiles.motion(FRAMES);
    // 0: good. 1: a non-finite joint at frame 5 (warning). 2: 40 pose frames for a 36-frame video (warning).
    EgodexTestFiles.write(EgodexTestFiles.spec(m, "float32", true), dir.resolve("0.hdf5"));
    EgodexTestFiles.video(dir.resolve("0.mp4"), FRAMES);
    ObjectNode nan = EgodexTestFiles.spec(m, "float32", true);
    EgodexReaderTest.setValue(nan, "transforms/leftIndexFingerTip", 5 * 16 + 7, Double.NaN);
    EgodexTestFiles.write(nan, dir.resolve("1.hdf5"));
    Files.copy(dir.resolve("0.mp4"), dir.resolve("1.mp4"));
    EgodexTestFiles.write(EgodexTestFiles.spec(EgodexTestFiles.motion(FRAMES + 4), "float32", true),
        dir.resolve("2.hdf5"));
    Files.copy(dir.resolve("0.mp4"), dir.resolve("2.mp4"));
    // 3: not HDF5. 4: cut in half. 5: a required joint missing. 6: a wrong shape. 7: no video. 8: only a video.
    Files.writeString(dir.resolve("3.hdf5"), "not an HDF5 file at all");
    byte[] good = Files.readAllBytes(dir.resolve("0.hdf5"));
    Files.write(dir.resolve("4.hdf5"), Arrays.copyOf(good, good.length / 2));
    ObjectNode missing = EgodexTestFiles.spec(m, "float32", true);
    EgodexTestFiles.remove(missing, "transforms/rightLittleFingerTip");
    EgodexTestFiles.write(missing, dir.resolve("5.hdf5"));
    ObjectNode shape = EgodexTestFiles.spec(m, "float32", false);
    ObjectNode intrinsic = EgodexTestFiles.find(shape, "camera/intrinsic");
    intrinsic.set("shape", intrinsic.arrayNode().add(9));
    EgodexTestFiles.write(shape, dir.resolve("6.hdf5"));
    for (String n : new String[] {"3", "4", "5", "6", "8"}) {
      if (!n.equals("8")) {
        Files.copy(dir.resolve("0.mp4"), dir.resolve(n + ".mp4"));
      }
    }
    Files.copy(dir.resolve("0.hdf5"), dir.resolve("7.hdf5"));
    Files.copy(dir.resolve("0.mp4"), dir.resolve("8.mp4"));
    Files.writeString(dir.resolve("notes.txt"), "not a recording");

    Path warehouse = temp.resolve("wh");
    StageContext ctx = context(raw, warehouse, "run-1");
    StageResult result = new HumanIngestStage().run(ctx);
    System.out.println(result.summaryLine());
    assertThat(result.counts()).containsEntry("clips", 9L).containsEntry("ingested", 3L)
        .containsEntry("rejected", 6L).containsEntry("poses", 3L * FRAMES);

    Map<String, String> ledger = new HashMap<>();
    for (Row r : spark().read().format("delta").load(ctx.writer().location(Tables.INGEST_ERRORS))
        .where("stage = 'ingest-human'").collectAsList()) {
      ledger.merge(r.getAs("clip_id"), r.getAs("error_kind"), (a, b) -> a + "," + b);
    }
    assertThat(ledger).containsOnly(
        Map.entry(TASK + "-1", HumanIngestErrors.EGODEX_VALUES_INVALID),
        Map.entry(TASK + "-2", HumanIngestErrors.EGODEX_FRAME_COUNT_MISMATCH),
        Map.entry(TASK + "-3", HumanIngestErrors.EGODEX_UNREADABLE),
        Map.entry(TASK + "-4", HumanIngestErrors.EGODEX_UNREADABLE),
        Map.entry(TASK + "-5", HumanIngestErrors.EGODEX_INVALID),
        Map.entry(TASK + "-6", HumanIngestErrors.EGODEX_INVALID),
        Map.entry(TASK + "-7", HumanIngestErrors.VIDEO_MISSING),
        Map.entry(TASK + "-8", HumanIngestErrors.EGODEX_HDF5_MISSING));

    // The clip row: identity, metadata from the file, the documented defaults.
    Row clip = spark().read().format("delta").load(ctx.writer().location(Tables.HUMAN_CLIPS))
        .where("clip_id = '" + TASK + "-0'").first();
    assertThat((String) clip.getAs("dataset")).isEqualTo("egodex");
    assertThat((String) clip.getAs("source_format")).isEqualTo("egodex");
    assertThat((String) clip.getAs("source_path")).endsWith("/" + TASK + "/0.hdf5");
    assertThat((String) clip.getAs("video_path")).endsWith("/" + TASK + "/0.mp4");
    assertThat((String) clip.getAs("task")).isEqualTo(TASK);
    assertThat((String) clip.getAs("prompt")).isEqualTo("Pick up the red cup and place it on the saucer.");
    assertThat((Object) clip.getAs("consent")).isNull();
    assertThat((String) clip.getAs("keypoint_frame")).isEqualTo("camera");
    assertThat(clip.<Double>getList(clip.fieldIndex("camera_intrinsics")))
        .containsExactly((double) 736.6f, (double) 736.6f, 960.0, 540.0); // stored as float32
    assertThat(clip.<Double>getList(clip.fieldIndex("t_head_camera"))).isEqualTo(EgodexDefaults.T_HEAD_CAMERA);
    assertThat(clip.<String, String>getJavaMap(clip.fieldIndex("source_attributes")))
        .containsEntry("environment", "kitchen_table").containsEntry("session_name", "session_17")
        .containsEntry("llm_verbs", "pick; place");
    assertThat((Integer) clip.getAs("pose_rows")).isEqualTo(FRAMES);
    assertThat((Integer) clip.getAs("frames_without_pose")).isZero();
    Row mismatch = spark().read().format("delta").load(ctx.writer().location(Tables.HUMAN_CLIPS))
        .where("clip_id = '" + TASK + "-2'").first();
    assertThat((Integer) mismatch.getAs("pose_lines")).isEqualTo(FRAMES + 4);
    assertThat((Integer) mismatch.getAs("poses_without_frame")).isEqualTo(4);

    // Every keypoint of every frame equals the known camera-frame point, and takes its video frame's time.
    List<Row> poses = spark().read().format("delta").load(ctx.writer().location(Tables.HUMAN_POSES))
        .where("clip_id = '" + TASK + "-0'").orderBy("frame_index").collectAsList();
    assertThat(poses).hasSize(FRAMES);
    double worst = 0;
    for (Row p : poses) {
      int i = p.getAs("frame_index");
      assertThat((Long) p.getAs("pts_us")).isEqualTo((Long) p.getAs("video_pts_us"));
      assertThat((Integer) p.getAs("line_number")).isEqualTo(i + 1);
      List<Row> hands = p.getList(p.fieldIndex("hands"));
      assertThat(hands).extracting(h -> h.getString(0)).containsExactly("right", "left");
      for (Row h : hands) {
        double[] want = m.points().get(h.getString(0));
        List<scala.collection.Seq<Float>> kps = h.getList(1);
        for (int k = 0; k < 21; k++) {
          for (int a = 0; a < 3; a++) {
            worst = Math.max(worst, Math.abs(kps.get(k).apply(a) - want[(i * 21 + k) * 3 + a]));
          }
        }
        List<Float> conf = h.getList(2);
        assertThat((double) conf.get(3)).isCloseTo(m.confidence().get(h.getString(0))[i * 21 + 3], within(1e-6));
      }
    }
    assertThat(worst).as("largest keypoint difference to the known camera-frame points (m)").isLessThan(1e-6);
    Row withNan = spark().read().format("delta").load(ctx.writer().location(Tables.HUMAN_POSES))
        .where("clip_id = '" + TASK + "-1' AND frame_index = 5").first();
    assertThat(withNan.<Row>getList(withNan.fieldIndex("hands"))).extracting(h -> h.getString(0))
        .containsExactly("right");

    // And it retargets: both hands solved on every frame, arms too (camera-frame keypoints with T_head_camera).
    StageResult retarget = new RetargetStage().run(ctx);
    System.out.println(retarget.summaryLine());
    List<Row> steps = spark().read().format("delta").load(ctx.writer().location(Tables.HUMAN_TIMESTEPS))
        .where("clip_id = '" + TASK + "-0'").collectAsList();
    assertThat(steps).hasSize(FRAMES);
    long armsSolved = 0;
    for (Row s : steps) {
      for (Row h : s.<Row>getList(s.fieldIndex("hands"))) {
        assertThat((Boolean) h.getAs("present")).isTrue();
        armsSolved += Boolean.TRUE.equals(h.getAs("arm_solved")) ? 1 : 0;
      }
    }
    assertThat(armsSolved).isEqualTo(2L * FRAMES);
  }

  /**
   * One generated motion written both ways, a clip folder (pose.jsonl) and an EgoDex recording (HDF5 world transforms
   * of a moving head camera, jHDF-written), retargets to the same silver.human_timesteps rows: every column but the
   * clip's identity and the run's metadata.
   */
  @Test
  void theSameMotionAsClipFolderAndAsEgodexGivesTheSameSilverTimesteps() throws Exception {
    List<Dataset<Row>> silver = new ArrayList<>();
    for (SampleOptions.HumanFormat format : SampleOptions.HumanFormat.values()) {
      Path raw = temp.resolve("raw-" + format.id());
      new SampleGenerator().generate(new SampleOptions(raw, DATE, 0, 1, 31, 1.0, 3.0, false, Fixtures.neoUrdf(), 1)
          .withHumanFormat(format));
      StageContext ctx = context(raw, temp.resolve("wh-" + format.id()), "run-" + format.id());
      System.out.println(new HumanIngestStage().run(ctx).summaryLine());
      System.out.println(new RetargetStage().run(ctx).summaryLine());
      Dataset<Row> rows = spark().read().format("delta").load(ctx.writer().location(Tables.HUMAN_TIMESTEPS));
      List<String> compared = Arrays.stream(rows.columns())
          .filter(c -> !List.of("dataset", "clip_id", "run_id", "retargeted_at", "ingested_at").contains(c)).toList();
      silver.add(rows.selectExpr(compared.toArray(String[]::new)));
    }
    Dataset<Row> clip = silver.get(0);
    Dataset<Row> egodex = silver.get(1);
    assertThat(clip.count()).isEqualTo(90L);
    assertThat(egodex.count()).isEqualTo(90L);
    // Same steps, masks and sides exactly; numbers within float32 rounding of the keypoints. Times within 1 us: the
    // sample's pose.jsonl rounds k / 30 s to the nearest microsecond, an EgoDex pose takes its decoded frame's time,
    // which the decoder truncates (k * 512 / 15360 s of the MP4).
    String[] exact = {"capture_date", "step_index", "frame_index", "joint_mask", "hand_side", "converged"};
    assertThat(clip.selectExpr(exact).exceptAll(egodex.selectExpr(exact)).count()).isZero();
    assertThat(clip.as("c").join(egodex.as("e"), "step_index").where("abs(c.ts_ns - e.ts_ns) > 1000").count())
        .isZero();
    List<Row> pairs = clip.as("c").join(egodex.as("e"), "step_index")
        .selectExpr("c.keypoints AS ck", "e.keypoints AS ek", "c.joint_position AS cj", "e.joint_position AS ej")
        .collectAsList();
    double keypoints = 0;
    double joints = 0;
    for (Row r : pairs) {
      keypoints = Math.max(keypoints, maxDiff(r.getList(0), r.getList(1)));
      joints = Math.max(joints, maxDiff(r.getList(2), r.getList(3)));
    }
    System.out.printf("clip folder vs EgoDex: keypoints differ by at most %.3g m, joints by %.3g rad%n", keypoints,
        joints);
    assertThat(keypoints).isLessThanOrEqualTo(1e-7);
    assertThat(joints).isLessThanOrEqualTo(1e-6);
  }

  /**
   * Key-frame triage decodes only key frames, so an EgoDex pose takes its time from the MP4's declared constant rate:
   * every HDF5 frame still has its row, none is dropped.
   */
  @Test
  void keyFrameTriageGivesEveryPoseFrameItsTimeFromTheDeclaredRate() throws Exception {
    Path raw = temp.resolve("raw-keyframes");
    new SampleGenerator().generate(new SampleOptions(raw, DATE, 0, 1, 31, 1.0, 3.0, false, Fixtures.neoUrdf(), 1)
        .withHumanFormat(SampleOptions.HumanFormat.EGODEX));
    StageContext ctx = context(raw, temp.resolve("wh-keyframes"), "run-k", "human_ingest.keyframes_only=true");
    StageResult result = new HumanIngestStage().run(ctx);
    assertThat(result.counts()).containsEntry("ingested", 1L).containsEntry("poses", 90L)
        .containsEntry("ledger_errors", 0L);
    List<Row> poses = spark().read().format("delta").load(ctx.writer().location(Tables.HUMAN_POSES))
        .orderBy("frame_index").collectAsList();
    for (int i = 0; i < poses.size(); i++) {
      assertThat((Integer) poses.get(i).getAs("frame_index")).isEqualTo(i);
      assertThat((Long) poses.get(i).getAs("pts_us")).isEqualTo(Math.round(i * 1e6 / 30));
      assertThat((Object) poses.get(i).getAs("has_frame")).isNull();
    }
  }

  /** Largest element difference of two equally shaped lists of numbers or of lists of numbers. */
  private static double maxDiff(List<?> a, List<?> b) {
    assertThat(a).hasSameSizeAs(b);
    double worst = 0;
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      if (x instanceof scala.collection.Seq<?> xs) {
        worst = Math.max(worst, maxDiff(scala.collection.JavaConverters.seqAsJavaList(xs),
            scala.collection.JavaConverters.seqAsJavaList((scala.collection.Seq<?>) y)));
      } else if (x != null || y != null) {
        worst = Math.max(worst, Math.abs(((Number) x).doubleValue() - ((Number) y).doubleValue()));
      }
    }
    return worst;
  }
}
