package ai.curate.jobs.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which steps get a camera thumbnail: {@link #REGULAR} evenly spaced over the episode, plus the first step of each
 * failed rule's first spans, at most {@link #AT_VIOLATIONS} of those; so a page holds at most
 * {@code REGULAR + AT_VIOLATIONS} thumbnails whatever the episode's length. Pure.
 */
public final class ThumbnailSteps {
  public static final int REGULAR = 8;
  public static final int AT_VIOLATIONS = 8;
  private static final int SPANS_PER_RULE = 2;

  private ThumbnailSteps() {}

  /** Step -> why it was chosen ("" for a regular step, else the rule names), in step order. */
  public static Map<Long, String> choose(long steps, List<RuleSpans> violations) {
    TreeMap<Long, String> out = new TreeMap<>();
    int regular = (int) Math.min(REGULAR, steps);
    for (int k = 0; k < regular; k++) {
      long step = regular == 1 ? 0 : Math.round(k * (steps - 1) / (double) (regular - 1));
      out.put(step, "");
    }
    Map<Long, String> atViolations = new LinkedHashMap<>();
    for (int round = 0; round < SPANS_PER_RULE; round++) {
      for (RuleSpans r : violations) {
        if (round < r.spans().size() && atViolations.size() < AT_VIOLATIONS) {
          atViolations.merge(r.spans().get(round).first(), r.rule(), (a, b) -> a.contains(b) ? a : a + ", " + b);
        }
      }
    }
    atViolations.forEach((step, rule) -> out.merge(step, rule, (a, b) -> a.isEmpty() ? b : a + ", " + b));
    return out;
  }
}
