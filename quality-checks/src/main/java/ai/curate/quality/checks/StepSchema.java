package ai.curate.quality.checks;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.types.StructType;

/** The columns of the step rows a {@link SequenceMetric} receives, resolved by name once per entity. */
public final class StepSchema implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String STEP_INDEX = "step_index";
  public static final String TS_NS = "ts_ns";

  private final StructType schema;

  public StepSchema(StructType schema) {
    this.schema = schema;
  }

  public StructType schema() {
    return schema;
  }

  /** The field index of {@code column}; the evaluator validated that it exists. */
  public int index(String column) {
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new IllegalStateException("step rows have no column '" + column + "' (have "
          + String.join(", ", schema.fieldNames()) + "); the evaluator should have rejected this rule");
    }
    return schema.fieldIndex(column);
  }

  public int stepIndex() {
    return index(STEP_INDEX);
  }

  public int tsNs() {
    return index(TS_NS);
  }
}
