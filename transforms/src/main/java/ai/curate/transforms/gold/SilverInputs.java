package ai.curate.transforms.gold;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The silver columns the gold transforms read (docs/tables.md), checked up front so a schema drift fails with the
 * list of what is wrong instead of a Spark analysis error deep inside a plan.
 */
public final class SilverInputs {
  private SilverInputs() {}

  private record Expect(String description, Predicate<DataType> accepts) {}

  private static final Expect STRING = new Expect("string", t -> t == DataTypes.StringType);
  private static final Expect DATE = new Expect("date", t -> t == DataTypes.DateType);
  private static final Expect INTEGRAL = new Expect("an integral type", t -> t instanceof IntegralType);
  private static final Expect BOOLEAN = new Expect("boolean", t -> t == DataTypes.BooleanType);
  private static final Expect FLOATING = new Expect("float or double",
      t -> t == DataTypes.FloatType || t == DataTypes.DoubleType);
  private static final Expect FLOAT_ARRAY = new Expect("array<float>",
      t -> t instanceof ArrayType a
          && (a.elementType() == DataTypes.FloatType || a.elementType() == DataTypes.DoubleType));
  private static final Expect BOOLEAN_ARRAY = new Expect("array<boolean>",
      t -> t instanceof ArrayType a && a.elementType() == DataTypes.BooleanType);
  private static final Expect POINTS = new Expect("array<array<float>>",
      t -> t instanceof ArrayType a && FLOAT_ARRAY.accepts().test(a.elementType()));
  private static final Expect FRAME_MAP = new Expect("map<string,int>",
      t -> t instanceof MapType m && m.keyType() == DataTypes.StringType && m.valueType() instanceof IntegralType);

  private static final Map<String, Expect> ROBOT = new LinkedHashMap<>();
  private static final Map<String, Expect> HUMAN = new LinkedHashMap<>();

  static {
    ROBOT.put("capture_date", DATE);
    ROBOT.put("episode_id", STRING);
    ROBOT.put("session_id", STRING);
    ROBOT.put("robot_id", STRING);
    ROBOT.put("step_index", INTEGRAL);
    ROBOT.put("ts_ns", INTEGRAL);
    for (String c : List.of("joint_position", "joint_velocity", "joint_effort", "action", "wrench_left",
        "wrench_right", "tactile_left", "tactile_right")) {
      ROBOT.put(c, FLOAT_ARRAY);
    }
    ROBOT.put("camera_frame_index", FRAME_MAP);
    for (String c : List.of("joint_state_valid", "action_valid", "wrench_left_valid", "wrench_right_valid",
        "tactile_left_valid", "tactile_right_valid", "cameras_valid")) {
      ROBOT.put(c, BOOLEAN);
    }

    HUMAN.put("capture_date", DATE);
    HUMAN.put("clip_id", STRING);
    HUMAN.put("dataset", STRING);
    HUMAN.put("step_index", INTEGRAL);
    HUMAN.put("frame_index", INTEGRAL);
    HUMAN.put("ts_ns", INTEGRAL);
    HUMAN.put("joint_position", FLOAT_ARRAY);
    HUMAN.put("joint_mask", BOOLEAN_ARRAY);
    HUMAN.put("hand_side", STRING);
    HUMAN.put("keypoints", POINTS);
    HUMAN.put("keypoint_confidence_mean", FLOATING);
    HUMAN.put("vector_error_mm", FLOATING);
    HUMAN.put("limit_saturation", FLOATING);
    HUMAN.put("converged", BOOLEAN);
  }

  /** Throws {@link SilverSchemaException} naming every missing or mistyped column of silver.robot_timesteps. */
  public static void requireRobotTimesteps(StructType schema) {
    require("silver.robot_timesteps", schema, ROBOT, "written by the align stage");
  }

  /** Throws {@link SilverSchemaException} naming every missing or mistyped column of silver.human_timesteps. */
  public static void requireHumanTimesteps(StructType schema) {
    require("silver.human_timesteps", schema, HUMAN, "written by the retarget stage");
  }

  private static void require(String table, StructType schema, Map<String, Expect> expected, String writer) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Expect> e : expected.entrySet()) {
      StructField field = find(schema, e.getKey());
      if (field == null) {
        problems.add("missing column " + e.getKey() + " (" + e.getValue().description() + ")");
      } else if (!e.getValue().accepts().test(field.dataType())) {
        problems.add("column " + e.getKey() + " is " + field.dataType().simpleString() + ", expected "
            + e.getValue().description());
      }
    }
    if (!problems.isEmpty()) {
      throw new SilverSchemaException(table + " does not have the columns docs/tables.md defines: "
          + String.join("; ", problems) + " (the table is " + writer
          + "; rerun that stage with this version of curate)");
    }
  }

  private static StructField find(StructType schema, String name) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }
}
