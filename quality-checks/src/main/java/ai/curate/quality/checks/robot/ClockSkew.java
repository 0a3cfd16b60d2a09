package ai.curate.quality.checks.robot;

import ai.curate.quality.checks.AbstractCheck;
import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.CheckSpec;
import ai.curate.quality.checks.SequenceMetric;
import ai.curate.quality.checks.StepClock;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.checks.StepValues;
import ai.curate.quality.checks.TimestepCheck;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Clock skew between streams, seen from the aligned grid: a stream whose clock offset is wrong covers a window
 * shifted against the camera's, so it is invalid for a stretch at one edge of the episode while the others are
 * valid. For each listed stream that is valid at least once: the time from the first step to its first valid step,
 * and from its last valid step to the last step. Value: the largest of these, in ms. (Interior gaps are left to
 * {@code stream_gaps}; a stream never valid is left to {@code modality_coverage}.)
 */
public final class ClockSkew extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;

  public ClockSkew() {
    super(CheckSpec.timestep("clock_skew", EntityType.EPISODE)
        .params(ParamSpec.strings("modalities", "streams to compare").choices(Modalities.STREAMS)
            .optional(Modalities.STREAMS),
            ParamSpec.number("max_ms", "largest allowed edge offset of a stream").min(0))
        .summary("largest offset between the episode's edges and a stream's first/last valid step (ms)")
        .measures("largest stream edge offset (ms)")
        .atMost("max_ms").inputs(p -> p.strings("modalities").stream().map(Modalities::validColumn).toList()));
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    List<String> streams = params.strings("modalities");
    int[] fields = streams.stream().mapToInt(s -> schema.index(Modalities.validColumn(s))).toArray();
    return new Metric(streams, fields, schema.tsNs());
  }

  static final class Metric implements SequenceMetric {
    private final List<String> streams;
    private final int[] fields;
    private final StepClock clock;
    private final long[] firstValid;
    private final long[] lastValid;
    private final boolean[] seen;

    Metric(List<String> streams, int[] fields, int tsField) {
      this.streams = streams;
      this.fields = fields;
      this.clock = new StepClock(tsField);
      this.firstValid = new long[fields.length];
      this.lastValid = new long[fields.length];
      this.seen = new boolean[fields.length];
    }

    @Override
    public void accept(Row step) {
      if (!clock.accept(step)) {
        return;
      }
      long ts = clock.current();
      for (int k = 0; k < fields.length; k++) {
        if (StepValues.isTrue(step, fields[k])) {
          if (!seen[k]) {
            firstValid[k] = ts;
            seen[k] = true;
          }
          lastValid[k] = ts;
        }
      }
    }

    private long worstOffset() {
      long worst = -1;
      for (int k = 0; k < fields.length; k++) {
        if (seen[k]) {
          worst = Math.max(worst, Math.max(firstValid[k] - clock.first(), clock.current() - lastValid[k]));
        }
      }
      return worst;
    }

    @Override
    public Double value() {
      long worst = worstOffset();
      return worst < 0 ? null : worst / 1e6;
    }

    @Override
    public String detail() {
      if (worstOffset() < 0) {
        return "none of " + streams + " is valid at any step";
      }
      int worstK = -1;
      long worst = -1;
      boolean late = true;
      for (int k = 0; k < fields.length; k++) {
        if (!seen[k]) {
          continue;
        }
        long lead = firstValid[k] - clock.first();
        long trail = clock.current() - lastValid[k];
        if (Math.max(lead, trail) > worst) {
          worst = Math.max(lead, trail);
          worstK = k;
          late = lead >= trail;
        }
      }
      return worst == 0
          ? null
          : streams.get(worstK) + (late ? " starts " : " ends ") + (worst / 1_000_000)
              + " ms " + (late ? "after the first step" : "before the last step");
    }
  }
}
