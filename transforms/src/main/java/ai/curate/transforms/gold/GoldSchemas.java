package ai.curate.transforms.gold;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The gold tables' schemas: the contract readers outside Spark rely on (docs/gold-tables.md). Column names are
 * plain snake_case, no column mapping; only keys are NOT NULL. Arrays and maps admit null elements so a reader
 * never needs Spark's containsNull flags to agree.
 */
public final class GoldSchemas {
  private GoldSchemas() {}

  public static final ArrayType FLOATS = createArrayType(FloatType, true);
  public static final ArrayType BOOLEANS = createArrayType(BooleanType, true);
  public static final ArrayType POINTS = createArrayType(FLOATS, true);

  public static final List<String> QUANTILE_COLUMNS = List.of("q01", "q10", "q50", "q90", "q99");

  /** The key of a robot episode or human clip: the leading columns of gold.timesteps and gold.episodes. */
  private static StructType episodeKey() {
    return new StructType()
        .add(GoldColumns.SOURCE, StringType, false)
        .add(GoldColumns.CAPTURE_DATE, DateType, false)
        .add(GoldColumns.EPISODE_ID, StringType, false);
  }

  /**
   * {@code key} then the episode's split and where it came from (a fleet session and robot, or a human dataset), as
   * gold.timesteps and gold.episodes both carry them.
   */
  private static StructType withOrigin(StructType key) {
    return key
        .add(GoldColumns.SPLIT, StringType, false)
        .add(GoldColumns.SESSION_ID, StringType)
        .add(GoldColumns.ROBOT_ID, StringType)
        .add(GoldColumns.DATASET, StringType);
  }

  /**
   * {@code schema} plus one column of {@code type} per stream validity flag, in {@link GoldColumns#VALIDITY} order,
   * named flag + {@code suffix}: the flags in gold.timesteps, their step counts in gold.episodes.
   */
  private static StructType withValidity(StructType schema, String suffix, DataType type) {
    StructType out = schema;
    for (String flag : GoldColumns.VALIDITY) {
      out = out.add(flag + suffix, type);
    }
    return out;
  }

  /** gold.timesteps: one row per published step of a robot episode or human clip. */
  public static final StructType TIMESTEPS = withValidity(withOrigin(episodeKey()
      .add(GoldColumns.STEP_INDEX, IntegerType, false)
      .add(GoldColumns.TS_NS, LongType, false))
      .add(GoldColumns.JOINT_POSITION, FLOATS)
      .add(GoldColumns.JOINT_VELOCITY, FLOATS)
      .add(GoldColumns.JOINT_EFFORT, FLOATS)
      .add(GoldColumns.JOINT_MASK, BOOLEANS)
      .add(GoldColumns.ACTION, FLOATS)
      .add(GoldColumns.WRENCH_LEFT, FLOATS)
      .add(GoldColumns.WRENCH_RIGHT, FLOATS)
      .add(GoldColumns.TACTILE_LEFT, FLOATS)
      .add(GoldColumns.TACTILE_RIGHT, FLOATS)
      .add(GoldColumns.CAMERA_FRAME_INDEX, createMapType(StringType, IntegerType, true)), "", BooleanType)
      .add(GoldColumns.HAND_SIDE, StringType)
      .add(GoldColumns.KEYPOINTS, POINTS)
      .add(GoldColumns.KEYPOINT_CONFIDENCE_MEAN, FloatType)
      .add(GoldColumns.RETARGET_ERROR_MM, FloatType)
      .add(GoldColumns.RETARGET_LIMIT_SATURATION, FloatType)
      .add(GoldColumns.RETARGET_CONVERGED, BooleanType)
      .add(GoldColumns.QUALITY_SCORES, createMapType(StringType, DoubleType, true))
      .add(GoldColumns.RUN_ID, StringType);

  /** gold.episodes: one row per published robot episode or human clip, with its summary and lineage. */
  public static final StructType EPISODES = withValidity(withOrigin(episodeKey())
      .add("task", StringType)
      .add("prompt", StringType)
      .add("success", BooleanType)
      .add("start_ts_ns", LongType)
      .add("end_ts_ns", LongType)
      .add("duration_s", DoubleType)
      .add("step_count", LongType), "_steps", LongType)
      .add(GoldColumns.QUALITY_SCORES, createMapType(StringType, DoubleType, true))
      .add(GoldColumns.QUALITY_WARNINGS, createArrayType(StringType, true))
      .add(GoldColumns.QUALITY_RULES_EVALUATED, IntegerType)
      .add("raw_path", StringType)
      .add("input_versions", createMapType(StringType, LongType, true))
      .add("code_version", StringType)
      .add(GoldColumns.RUN_ID, StringType);

  /** gold.feature_stats: one row per date, source, feature and element (see {@link FeatureStatistics}). */
  public static final StructType FEATURE_STATS = new StructType()
      .add(GoldColumns.SOURCE, StringType, false)
      .add(GoldColumns.CAPTURE_DATE, DateType, false)
      .add("feature", StringType, false)
      .add("element", StringType, false)
      .add("element_index", IntegerType, false)
      .add("count", LongType, false)
      .add("mean", DoubleType)
      .add("std", DoubleType)
      .add("min", DoubleType)
      .add("max", DoubleType)
      .add("q01", DoubleType)
      .add("q10", DoubleType)
      .add("q50", DoubleType)
      .add("q90", DoubleType)
      .add("q99", DoubleType)
      .add("non_finite_count", LongType)
      .add("state", BinaryType)
      .add(GoldColumns.RUN_ID, StringType);

  /**
   * Selects exactly {@code schema}'s columns, in its order, cast to its types: what a Delta write of a gold table
   * needs so the files match the table whatever order a transform produced.
   */
  public static Dataset<Row> conform(Dataset<Row> rows, StructType schema) {
    List<String> present = List.of(rows.columns());
    List<String> missing = new ArrayList<>();
    List<Column> columns = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (!present.contains(f.name())) {
        missing.add(f.name());
        continue;
      }
      columns.add(functions.col(f.name()).cast(f.dataType()).as(f.name()));
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("cannot conform rows to the gold schema: missing columns " + missing
          + " (have " + present + ")");
    }
    return rows.select(columns.toArray(new Column[0]));
  }
}
