package ai.curate.jobs.view;

import java.util.ArrayList;
import java.util.List;

/** A run of consecutive steps, {@code first..last} inclusive, where a rule's violation was found. */
public record StepSpan(long first, long last) {
  public StepSpan {
    if (last < first) {
      throw new IllegalArgumentException("span " + first + ".." + last);
    }
  }

  public long steps() {
    return last - first + 1;
  }

  /** Merges flagged steps, given in increasing order, into runs of consecutive steps. */
  public static List<StepSpan> merge(long[] flagged, int count) {
    List<StepSpan> spans = new ArrayList<>();
    int i = 0;
    while (i < count) {
      long first = flagged[i];
      long last = first;
      while (i + 1 < count && flagged[i + 1] == last + 1) {
        last = flagged[++i];
      }
      spans.add(new StepSpan(first, last));
      i++;
    }
    return spans;
  }
}
