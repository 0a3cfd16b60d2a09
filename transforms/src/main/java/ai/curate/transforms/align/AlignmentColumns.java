package ai.curate.transforms.align;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Column names and schemas of the alignment inputs and outputs (docs/alignment.md), and their validation. */
public final class AlignmentColumns {
  private AlignmentColumns() {}

  public static final String EPISODE_ID = "episode_id";
  public static final String STREAM = "stream";
  public static final String TS_NS = "ts_ns";
  public static final String SEQ = "seq";
  public static final String VALUES = "values";
  public static final String STEP_INDEX = "step_index";
  public static final String VALID = "valid";
  public static final String STALENESS_NS = "staleness_ns";
  public static final String SAMPLE_COUNT = "sample_count";
  public static final String SOURCE_SEQ = "source_seq";

  public static final String SAMPLES = "samples";
  public static final String MISSING_SAMPLES = "missing_samples";
  public static final String DUPLICATE_SAMPLES = "duplicate_samples";
  public static final String OUT_OF_ORDER_PAIRS = "out_of_order_pairs";
  public static final String OUT_OF_ORDER = "out_of_order";

  public static final ArrayType VALUES_TYPE = DataTypes.createArrayType(DataTypes.DoubleType, false);

  /** One row per (episode, grid step, configured stream). */
  public static final StructType STEPS_SCHEMA = new StructType()
      .add(EPISODE_ID, DataTypes.StringType, false)
      .add(STEP_INDEX, DataTypes.LongType, false)
      .add(TS_NS, DataTypes.LongType, false)
      .add(STREAM, DataTypes.StringType, false)
      .add(VALUES, VALUES_TYPE, true)
      .add(VALID, DataTypes.BooleanType, false)
      .add(STALENESS_NS, DataTypes.LongType, true)
      .add(SAMPLE_COUNT, DataTypes.IntegerType, false)
      .add(SOURCE_SEQ, DataTypes.LongType, true);

  /** One row per (episode, stream) that has samples. */
  public static final StructType STATS_SCHEMA = new StructType()
      .add(EPISODE_ID, DataTypes.StringType, false)
      .add(STREAM, DataTypes.StringType, false)
      .add(SAMPLES, DataTypes.LongType, false)
      .add(MISSING_SAMPLES, DataTypes.LongType, false)
      .add(DUPLICATE_SAMPLES, DataTypes.LongType, false)
      .add(OUT_OF_ORDER_PAIRS, DataTypes.LongType, false)
      .add(OUT_OF_ORDER, DataTypes.BooleanType, false);

  /** Checks the samples input: episode_id string, stream string, ts_ns and seq integral, values numeric array. */
  public static void requireSamples(StructType schema) {
    List<String> problems = new ArrayList<>();
    requireType(schema, EPISODE_ID, "string", t -> t == DataTypes.StringType, problems);
    requireType(schema, STREAM, "string", t -> t == DataTypes.StringType, problems);
    requireType(schema, TS_NS, "an integral type (long)", t -> t instanceof IntegralType, problems);
    requireType(schema, SEQ, "an integral type (long)", t -> t instanceof IntegralType, problems);
    requireType(schema, VALUES, "array<float> or array<double>",
        t -> t instanceof ArrayType a && a.elementType() instanceof NumericType, problems);
    fail("samples", schema, problems,
        "samples need one row per sample: episode_id, stream, ts_ns (robot clock), seq (file order), values");
  }

  /** Checks the grid input: episode_id string, step_index and ts_ns integral. */
  public static void requireGrid(StructType schema) {
    List<String> problems = new ArrayList<>();
    requireType(schema, EPISODE_ID, "string", t -> t == DataTypes.StringType, problems);
    requireType(schema, STEP_INDEX, "an integral type (long)", t -> t instanceof IntegralType, problems);
    requireType(schema, TS_NS, "an integral type (long)", t -> t instanceof IntegralType, problems);
    fail("grid", schema, problems, "the grid needs one row per step: episode_id, step_index, ts_ns (robot clock); "
        + "AlignmentGrids builds one from frame times or a fixed rate");
  }

  private interface TypeCheck {
    boolean accepts(DataType type);
  }

  private static void requireType(StructType schema, String column, String expected, TypeCheck check,
      List<String> problems) {
    StructField field = findField(schema, column);
    if (field == null) {
      problems.add("column '" + column + "' is missing");
    } else if (!check.accepts(field.dataType())) {
      problems.add("column '" + column + "' is " + field.dataType().simpleString() + ", expected " + expected);
    }
  }

  private static StructField findField(StructType schema, String column) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(column)) {
        return f;
      }
    }
    return null;
  }

  private static void fail(String input, StructType schema, List<String> problems, String hint) {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Alignment " + input + " input is not usable: " + String.join("; ", problems)
          + " (got " + schema.simpleString() + "); " + hint);
    }
  }
}
