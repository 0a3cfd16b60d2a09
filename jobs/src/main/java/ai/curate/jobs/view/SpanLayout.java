package ai.curate.jobs.view;

import java.util.ArrayList;
import java.util.List;

/**
 * Places violation spans on a plot's pixel axis: a span covers its steps' slots ({@link PixelGrid#left} of its first
 * step to that of the step after its last), at least one pixel wide so a single step stays visible, and spans of one
 * rule that would touch on screen are drawn as one rectangle (a 2-hour episode may have thousands).
 */
public final class SpanLayout {
  private SpanLayout() {}

  /** One rectangle: pixels {@code x..x+width}, covering steps {@code first..last}. */
  public record Rect(double x, double width, long first, long last) {}

  public static List<Rect> layout(List<StepSpan> spans, PixelGrid grid) {
    List<Rect> out = new ArrayList<>();
    for (StepSpan s : spans) {
      double x = grid.left(s.first());
      double end = Math.max(x + 1, grid.left(s.last() + 1));
      if (!out.isEmpty()) {
        Rect prev = out.get(out.size() - 1);
        if (x <= prev.x() + prev.width() + 1e-9) {
          double merged = Math.max(prev.x() + prev.width(), end);
          out.set(out.size() - 1, new Rect(prev.x(), merged - prev.x(), prev.first(), s.last()));
          continue;
        }
      }
      out.add(new Rect(x, end - x, s.first(), s.last()));
    }
    return out;
  }
}
