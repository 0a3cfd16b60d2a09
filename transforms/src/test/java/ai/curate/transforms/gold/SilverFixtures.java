package ai.curate.transforms.gold;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * Small synthetic silver tables with exactly the schemas of docs/tables.md (silver.robot_timesteps written by align,
 * silver.human_timesteps by retarget), deterministic per seed. Values are plausible, not physical: sinusoidal joints,
 * wrenches with occasional spikes, mostly-zero tactile pressure, invalid steps where a modality is missing.
 */
public final class SilverFixtures {
  private SilverFixtures() {}

  private static final ArrayType FLOATS = createArrayType(FloatType, false);

  /** Signal columns of silver.robot_timesteps, in column order. */
  private static final List<String> SIGNALS = List.of("joint_position", "joint_velocity", "joint_effort", "action",
      "wrench_left", "wrench_right", "tactile_left", "tactile_right");

  /** Modalities with a {@code _valid} flag and a {@code _staleness_ns} column, in column order. */
  private static final List<String> MODALITIES = List.of("joint_state", "action", "wrench_left", "wrench_right",
      "tactile_left", "tactile_right");

  public static final StructType ROBOT_TIMESTEPS = robotTimesteps();

  private static StructType robotTimesteps() {
    StructType t = new StructType()
        .add("capture_date", DateType, false)
        .add("episode_id", StringType, false)
        .add("session_id", StringType, false)
        .add("robot_id", StringType, false)
        .add("step_index", IntegerType, false)
        .add("ts_ns", LongType, false);
    for (String signal : SIGNALS) {
      t = t.add(signal, FLOATS);
    }
    t = t.add("camera_frame_index", createMapType(StringType, IntegerType, false));
    for (String modality : MODALITIES) {
      t = t.add(modality + "_valid", BooleanType, false);
    }
    t = t.add("cameras_valid", BooleanType, false);
    for (String modality : MODALITIES) {
      t = t.add(modality + "_staleness_ns", LongType);
    }
    return t.add("run_id", StringType);
  }

  public static final StructType HUMAN_TIMESTEPS = new StructType()
      .add("capture_date", DateType, false)
      .add("clip_id", StringType, false)
      .add("dataset", StringType, false)
      .add("step_index", IntegerType, false)
      .add("frame_index", IntegerType, false)
      .add("ts_ns", LongType, false)
      .add("joint_position", FLOATS)
      .add("joint_mask", createArrayType(BooleanType, false))
      .add("hand_side", StringType)
      .add("keypoints", createArrayType(FLOATS, false))
      .add("keypoint_confidence_mean", FloatType)
      .add("vector_error_mm", FloatType)
      .add("limit_saturation", FloatType)
      .add("solver_iterations", IntegerType)
      .add("converged", BooleanType)
      .add("run_id", StringType);

  public static final long FRAME_NS = 33_333_333L;
  public static final int TAXELS = 8;

  /** A robot episode of {@code steps} grid steps with {@code joints} joints. */
  public record RobotEpisode(LocalDate date, String episodeId, String sessionId, String robotId, int steps, int joints,
      long seed) {}

  /** A human clip; {@code solvedJoints} leading joints are retargeted (mask true), the rest 0 and masked. */
  public record HumanClip(LocalDate date, String clipId, String dataset, int steps, int joints, int solvedJoints,
      Set<Integer> droppedSteps, long seed) {}

  public static Dataset<Row> robot(SparkSession spark, List<RobotEpisode> episodes) {
    List<Row> rows = new ArrayList<>();
    episodes.forEach(e -> rows.addAll(robotRows(e)));
    return spark.createDataFrame(rows, ROBOT_TIMESTEPS);
  }

  public static Dataset<Row> human(SparkSession spark, List<HumanClip> clips) {
    List<Row> rows = new ArrayList<>();
    clips.forEach(c -> rows.addAll(humanRows(c)));
    return spark.createDataFrame(rows, HUMAN_TIMESTEPS);
  }

  public static List<Row> robotRows(RobotEpisode e) {
    Random random = new Random(e.seed());
    List<Row> rows = new ArrayList<>();
    long start = 1_700_000_000_000_000_000L + random.nextInt(1_000_000) * 1000L;
    double[] phase = new double[e.joints()];
    for (int j = 0; j < phase.length; j++) {
      phase[j] = random.nextDouble() * Math.PI * 2;
    }
    for (int i = 0; i < e.steps(); i++) {
      double t = i * FRAME_NS / 1e9;
      boolean jointsValid = i % 13 != 5;
      boolean actionValid = i % 7 != 3;
      boolean wrenchLeftValid = i % 11 != 4;
      boolean wrenchRightValid = true;
      boolean tactileLeftValid = i % 9 != 2;
      boolean tactileRightValid = true;
      boolean camerasValid = i % 17 != 8;
      List<Float> position = new ArrayList<>();
      List<Float> velocity = new ArrayList<>();
      List<Float> effort = new ArrayList<>();
      List<Float> action = new ArrayList<>();
      for (int j = 0; j < e.joints(); j++) {
        double w = 0.5 + j * 0.1;
        position.add((float) (0.8 * Math.sin(w * t + phase[j]) + 0.01 * random.nextGaussian()));
        velocity.add((float) (0.8 * w * Math.cos(w * t + phase[j]) + 0.05 * random.nextGaussian()));
        effort.add((float) (3 * Math.sin(w * t) + random.nextGaussian()));
        action.add((float) (0.8 * Math.sin(w * (t + 0.05) + phase[j])));
      }
      Map<String, Integer> frames = new LinkedHashMap<>();
      frames.put("head", i);
      if (camerasValid) {
        frames.put("left_wrist", i);
      }
      rows.add(RowFactory.create(
          Date.valueOf(e.date()), e.episodeId(), e.sessionId(), e.robotId(), i, start + i * FRAME_NS,
          jointsValid ? position : null, jointsValid ? velocity : null, jointsValid ? effort : null,
          actionValid ? action : null,
          wrenchLeftValid ? wrench(random, i) : null, wrenchRightValid ? wrench(random, i + 3) : null,
          tactileLeftValid ? tactile(random) : null, tactileRightValid ? tactile(random) : null,
          frames, jointsValid, actionValid, wrenchLeftValid, wrenchRightValid, tactileLeftValid, tactileRightValid,
          camerasValid,
          jointsValid ? (long) random.nextInt(2_000_000) : null, actionValid ? (long) random.nextInt(40_000_000) : null,
          wrenchLeftValid ? (long) random.nextInt(2_000_000) : null, (long) random.nextInt(2_000_000),
          tactileLeftValid ? (long) random.nextInt(2_000_000) : null, (long) random.nextInt(2_000_000),
          "align-run"));
    }
    return rows;
  }

  public static List<Row> humanRows(HumanClip c) {
    Random random = new Random(c.seed());
    List<Row> rows = new ArrayList<>();
    int step = 0;
    for (int frame = 0; frame < c.steps(); frame++) {
      if (c.droppedSteps().contains(frame)) {
        continue;
      }
      List<Float> position = new ArrayList<>();
      List<Boolean> mask = new ArrayList<>();
      for (int j = 0; j < c.joints(); j++) {
        boolean solved = j < c.solvedJoints();
        position.add(solved ? (float) (0.6 * Math.sin(frame * 0.1 + j) + 0.4 + 0.02 * random.nextGaussian()) : 0f);
        mask.add(solved);
      }
      List<List<Float>> keypoints = new ArrayList<>();
      for (int k = 0; k < 21; k++) {
        keypoints.add(List.of((float) random.nextGaussian() * 0.05f, (float) random.nextGaussian() * 0.05f,
            0.4f + (float) random.nextGaussian() * 0.01f));
      }
      // step_index counts the frames that have a pose; a dropped frame leaves a gap in frame_index only.
      rows.add(RowFactory.create(Date.valueOf(c.date()), c.clipId(), c.dataset(), step, frame,
          frame * FRAME_NS, position, mask, "right", keypoints, 0.9f - 0.1f * (float) random.nextDouble(),
          (float) (4 + random.nextDouble() * 3), (float) (random.nextDouble() * 0.1), 12 + random.nextInt(20),
          random.nextInt(10) != 0, "retarget-run"));
      step++;
    }
    return rows;
  }

  private static List<Float> wrench(Random random, int i) {
    List<Float> w = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      double base = k < 3 ? 5 * Math.sin(i * 0.2 + k) : 0.3 * Math.cos(i * 0.2 + k);
      double spike = random.nextInt(200) == 0 ? 80 : 0;
      w.add((float) (base + spike + 0.1 * random.nextGaussian()));
    }
    return w;
  }

  private static List<Float> tactile(Random random) {
    List<Float> p = new ArrayList<>();
    for (int k = 0; k < TAXELS; k++) {
      p.add(random.nextInt(3) == 0 ? (float) Math.abs(random.nextGaussian() * 12) : 0f);
    }
    return p;
  }

  /** Joint names for tests of the transforms module ("j0", "j1", ...). */
  public static List<String> jointNames(int joints) {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < joints; j++) {
      names.add("j" + j);
    }
    return names;
  }
}
