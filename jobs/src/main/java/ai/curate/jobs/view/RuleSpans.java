package ai.curate.jobs.view;

import java.util.List;

/**
 * The steps where one failed rule went wrong ({@link RunningViolation}), with the colour it is shaded in.
 *
 * @param dropped separate runs beyond those kept (not drawn, counted on the page)
 */
public record RuleSpans(String rule, String severity, String colour, List<StepSpan> spans, long dropped) {
  public RuleSpans {
    spans = List.copyOf(spans);
  }
}
