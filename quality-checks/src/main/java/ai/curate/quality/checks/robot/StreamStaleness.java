package ai.curate.quality.checks.robot;

import ai.curate.quality.checks.AbstractCheck;
import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.SequenceMetric;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.checks.StepValues;
import ai.curate.quality.checks.TimestepCheck;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import ai.curate.quality.rules.Scope;
import ai.curate.quality.rules.Threshold;
import java.util.EnumSet;
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
    super("stream_staleness", Scope.TIMESTEP, EnumSet.of(EntityType.EPISODE),
        List.of(ParamSpec.string("modality", "which stream").choices(Modalities.STREAMS),
            ParamSpec.number("max_ms", "largest allowed staleness").min(0),
            ParamSpec.string("statistic", "mean or max over valid steps").choices(List.of("mean", "max"))
                .optional("mean")),
        "mean or max staleness of a stream's aligned values (ms)");
  }

  @Override
  public String measures(Params params) {
    return params.string("statistic") + " " + params.string("modality") + " staleness (ms)";
  }

  @Override
  public Threshold threshold(Params params) {
    return Threshold.atMost(params.number("max_ms"));
  }

  @Override
  public List<String> inputColumns(Params params) {
    return List.of(Modalities.stalenessColumn(params.string("modality")));
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
