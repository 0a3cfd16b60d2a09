package ai.curate.quality.checks.robot;

import ai.curate.quality.checks.ClockMetric;
import ai.curate.quality.checks.StepSchema;
import java.util.function.Predicate;
import org.apache.spark.sql.Row;

/**
 * The {@link StreamHoles} of one stream as a timestep metric: value the longest hole in ms (0 without one). A
 * stream without a value at any step has no hole to measure and the rule holds vacuously: a stream missing from the
 * whole episode is its coverage rule's finding, a camera missing from it {@code camera_frame_drops}' (judged against
 * the manifest, so a robot without the camera is not held back here). Steps without a timestamp cannot be placed
 * and are skipped; an episode with none has no value.
 */
final class HoleMetric extends ClockMetric {
  private final String stream;
  private final Predicate<Row> hasValue;
  private final StreamHoles holes = new StreamHoles();

  HoleMetric(StepSchema schema, String stream, Predicate<Row> hasValue) {
    super(schema);
    this.stream = stream;
    this.hasValue = hasValue;
  }

  @Override
  public void accept(Row step) {
    if (clock.accept(step)) {
      holes.step(stepIndex(step), clock.current(), hasValue.test(step));
    }
  }

  @Override
  public Double value() {
    return holes.anyValue() ? holes.longestNs() / 1e6 : null;
  }

  @Override
  public boolean vacuous() {
    return clock.any() && !holes.anyValue();
  }

  @Override
  public String detail() {
    if (!clock.any()) {
      return "no step has a timestamp";
    }
    if (!holes.anyValue()) {
      return stream + " has no value at any step";
    }
    return holes.describe(stream);
  }
}
