package ai.curate.jobs.view;

import java.util.Locale;

/** SVG path text for downsampled series; pure, so the shapes are tested without a browser. */
public final class SvgPaths {
  private SvgPaths() {}

  /** A vertical mapping from values to pixels: {@code lo} at the bottom, {@code hi} at the top. */
  public record YScale(double lo, double hi, double top, double height) {
    public double y(double v) {
      double span = hi - lo;
      double f = span > 0 ? (v - lo) / span : 0.5;
      return top + height * (1 - f);
    }
  }

  /**
   * The min/max envelope of a series: in each pixel column a vertical stroke from its largest to its smallest value,
   * joined to the next column, so spikes shorter than a pixel stay visible. A column without a value breaks the
   * line. Empty when the series has no value.
   */
  public static String envelope(Series s, YScale scale) {
    StringBuilder d = new StringBuilder(s.size() * 24);
    boolean open = false;
    for (int i = 0; i < s.size(); i++) {
      double lo = s.min()[i];
      double hi = s.max()[i];
      if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
        open = false;
        continue;
      }
      d.append(open ? 'L' : 'M').append(num(s.x()[i])).append(',').append(num(scale.y(hi)));
      if (hi != lo) {
        d.append('L').append(num(s.x()[i])).append(',').append(num(scale.y(lo)));
      }
      open = true;
    }
    return d.toString();
  }

  /** One decimal: a tenth of a pixel is finer than any screen, and keeps pages small. */
  public static String num(double v) {
    long tenths = Math.round(v * 10);
    if (tenths % 10 == 0) {
      return Long.toString(tenths / 10);
    }
    return String.format(Locale.ROOT, "%.1f", tenths / 10.0);
  }
}
