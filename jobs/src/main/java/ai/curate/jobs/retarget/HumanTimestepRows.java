package ai.curate.jobs.retarget;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import ai.curate.retargeting.pose.HandObservation;
import ai.curate.retargeting.pose.PoseFrame;
import ai.curate.retargeting.retarget.HandFrameMetrics;
import ai.curate.retargeting.retarget.HandSpec;
import ai.curate.retargeting.retarget.RetargetConfig;
import java.io.Serializable;
import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * Rows of {@code silver.human_timesteps} (docs/tables.md): the pose rows of bronze in, one row per pose frame out.
 * Run metadata ({@code run_id}, {@code retargeted_at}) is added by the stage.
 */
final class HumanTimestepRows implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ArrayType POINTS = createArrayType(createArrayType(FloatType, false), false);

  /** Per configured hand, per frame: what was seen and what the solvers made of it. */
  static final StructType HAND = new StructType()
      .add("side", StringType, false)
      .add("observed", BooleanType, false)
      .add("present", BooleanType, false)
      .add("keypoints", POINTS)
      .add("keypoint_confidence_mean", DoubleType)
      .add("vector_error_mm", DoubleType)
      .add("solver_vector_error_mm", DoubleType)
      .add("iterations", IntegerType)
      .add("converged", BooleanType)
      .add("solved_joints", IntegerType, false)
      .add("saturated_joints", IntegerType)
      .add("velocity_violations", IntegerType)
      .add("max_speed_rad_s", DoubleType)
      .add("jerk_rad_s3", DoubleType)
      .add("jerk_square_sum", DoubleType)
      .add("jump", BooleanType)
      .add("arm_solved", BooleanType, false)
      .add("arm_converged", BooleanType)
      .add("arm_position_error_mm", DoubleType)
      .add("arm_orientation_error_deg", DoubleType);

  static final StructType SCHEMA = new StructType()
      .add("capture_date", DateType, false)
      .add("dataset", StringType, false)
      .add("clip_id", StringType, false)
      .add("step_index", IntegerType, false)
      .add("frame_index", IntegerType, false)
      .add("ts_ns", LongType, false)
      .add("joint_position", createArrayType(FloatType, false))
      .add("joint_mask", createArrayType(BooleanType, false), false)
      .add("hand_side", StringType)
      .add("keypoints", POINTS)
      .add("keypoint_confidence_mean", FloatType)
      .add("vector_error_mm", FloatType)
      .add("solver_vector_error_mm", FloatType)
      .add("limit_saturation", FloatType)
      .add("solver_iterations", IntegerType)
      .add("converged", BooleanType, false)
      .add("hands", createArrayType(HAND, false), false);

  /** Columns of the input rows (bronze.human_poses joined with its clip). */
  static final String[] INPUT = {"capture_date", "dataset", "clip_id", "frame_index", "pts_us", "hands",
      "keypoint_frame", "t_head_camera", "primary_side"};

  private HumanTimestepRows() {}

  /** A bronze pose row (columns {@link #INPUT}) as the retargeting core's frame. */
  static PoseFrame poseFrame(Row r) {
    Map<String, HandObservation> hands = new LinkedHashMap<>();
    List<Row> hs = r.getList(5);
    for (Row h : hs) {
      List<Object> kps = h.getList(1);
      double[] k = new double[3 * kps.size()];
      for (int i = 0; i < kps.size(); i++) {
        // nested arrays come as Scala sequences inside the Java list
        List<?> p = kps.get(i) instanceof scala.collection.Seq<?> seq
            ? scala.collection.JavaConverters.seqAsJavaList(seq)
            : (List<?>) kps.get(i);
        for (int c = 0; c < 3; c++) {
          Object v = c < p.size() ? p.get(c) : null;
          k[3 * i + c] = v == null ? Double.NaN : ((Number) v).doubleValue();
        }
      }
      double[] conf = null;
      if (!h.isNullAt(2)) {
        List<Float> cs = h.getList(2);
        conf = new double[cs.size()];
        for (int i = 0; i < conf.length; i++) {
          conf[i] = cs.get(i) == null ? 0 : cs.get(i);
        }
      }
      hands.put(h.getString(0), new HandObservation(h.getString(0), k, conf));
    }
    return new PoseFrame(r.getInt(3), r.getLong(4), hands);
  }

  /** The output row of one retargeted frame. */
  static Row toRow(Date captureDate, String dataset, String clipId, String primarySide,
      ChunkedClipRetargeter.RetargetedFrame f, RetargetConfig config) {
    boolean any = false;
    for (boolean m : f.mask()) {
      any |= m;
    }
    float[] joints = null;
    if (any) {
      joints = new float[f.joints().length];
      for (int i = 0; i < joints.length; i++) {
        joints[i] = (float) f.joints()[i];
      }
    }
    List<HandSpec> specs = config.hands();
    Row[] hands = new Row[specs.size()];
    int solvedPresent = 0;
    int saturatedPresent = 0;
    Integer iterations = null;
    boolean converged = true;
    int present = 0;
    double solverErrorSum = 0;
    for (int h = 0; h < hands.length; h++) {
      String side = specs.get(h).side();
      HandObservation obs = f.input().hands().get(side);
      HandFrameMetrics m = f.output().hands().get(side);
      ArmSolver.ArmResult arm = f.arms().get(side);
      int solved = config.solvedJoints(specs.get(h)).size();
      hands[h] = new GenericRowWithSchema(new Object[] {
          side, obs != null, m.present(), obs == null ? null : points(obs.keypoints()),
          obs == null ? null : confidenceMean(obs), m.vectorErrorMm(), m.solverVectorErrorMm(), m.iterations(),
          m.converged(), solved, m.saturatedJoints(), m.velocityViolations(), m.maxSpeedRadS(), m.jerkRadS3(),
          m.jerkSquareSum(), m.jump(), arm != null, arm == null ? null : arm.converged(),
          arm == null ? null : arm.positionErrorMm(), arm == null ? null : arm.orientationErrorDeg()}, HAND);
      if (m.present()) {
        present++;
        solvedPresent += solved;
        saturatedPresent += m.saturatedJoints();
        iterations = iterations == null ? m.iterations() : Math.max(iterations, m.iterations());
        converged &= m.converged();
        solverErrorSum += m.solverVectorErrorMm();
      }
    }
    HandObservation primary = primarySide == null ? null : f.input().hands().get(primarySide);
    return new GenericRowWithSchema(new Object[] {
        captureDate, dataset, clipId, f.stepIndex(), f.input().frameIndex(), f.input().ptsUs() * 1000L, joints,
        f.mask(), primarySide, primary == null ? null : points(primary.keypoints()),
        primary == null ? null : (float) confidenceMean(primary),
        f.output().vectorErrorMm() == null ? null : f.output().vectorErrorMm().floatValue(),
        present == 0 ? null : (float) (solverErrorSum / present),
        present == 0 ? null : (float) ((double) saturatedPresent / solvedPresent),
        iterations, present > 0 && converged, hands}, SCHEMA);
  }

  /** Mean of the 21 confidences; 1 when the estimator gave none (as the solver's min_confidence gate assumes). */
  static double confidenceMean(HandObservation obs) {
    double[] c = obs.confidence();
    if (c == null || c.length == 0) {
      return 1.0;
    }
    double s = 0;
    for (double v : c) {
      s += v;
    }
    return s / c.length;
  }

  private static float[][] points(double[] k) {
    float[][] p = new float[k.length / 3][3];
    for (int i = 0; i < p.length; i++) {
      for (int c = 0; c < 3; c++) {
        p[i][c] = (float) k[3 * i + c];
      }
    }
    return p;
  }
}
