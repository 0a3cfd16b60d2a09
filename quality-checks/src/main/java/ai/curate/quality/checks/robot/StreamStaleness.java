package ai.curate.quality.checks.robot;

import ai.curate.quality.checks.AbstractCheck;
import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.CheckSpec;
import ai.curate.quality.checks.SequenceMetric;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.checks.StepValues;
import ai.curate.quality.checks.TimestepCheck;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * How far (in time) the aligned values of a stream are from the source samples they came from
 * ({@code <stream>_staleness_ns}, over valid steps). A stream whose samples sit consistently far from the grid is
 * late, slow or skewed against the camera clock. Value: mean or max staleness in ms.
 */
public final class StreamStaleness extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;

  public StreamStaleness() {
    super(CheckSpec.timestep("stream_staleness", EntityType.EPISODE)
        .params(ParamSpec.string("modality", "which stream").choices(Modalities.STREAMS),
            ParamSpec.number("max_ms", "largest allowed staleness").min(0),
            ParamSpec.string("statistic", "mean or max over valid steps").choices(List.of("mean", "max"))
                .optional("mean"))
        .summary("mean or max staleness of a stream's aligned values (ms)")
        .measures(p -> p.string("statistic") + " " + p.string("modality") + " staleness (ms)")
        .atMost("max_ms").inputs(p -> List.of(Modalities.stalenessColumn(p.string("modality")))));
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    int field = schema.index(Modalities.stalenessColumn(params.string("modality")));
    boolean max = params.string("statistic").equals("max");
    return new SequenceMetric() {
      long n;
      double sum;
      double largest;

      @Override
      public void accept(Row step) {
        Double ns = StepValues.getDouble(step, field);
        if (ns == null) {
          return;
        }
        n++;
        sum += Math.abs(ns);
        largest = Math.max(largest, Math.abs(ns));
      }

      @Override
      public Double value() {
        if (n == 0) {
          return null;
        }
        return (max ? largest : sum / n) / 1e6;
      }

      @Override
      public String detail() {
        return n == 0 ? "no valid steps" : null;
      }
    };
  }
}
