package ai.curate.jobs.sample;

import java.util.Arrays;

/**
 * A tiny BGR raster for rendering sample camera frames. Simple shapes with hard edges and a little texture keep the
 * frames' brightness and sharpness in a realistic range, which is what the video quality checks measure.
 */
final class Canvas {
  private final int width;
  private final int height;
  private final byte[] bgr;

  Canvas(int width, int height) {
    this.width = width;
    this.height = height;
    this.bgr = new byte[width * height * 3];
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  /** Packed B, G, R bytes, row-major without padding. */
  byte[] pixels() {
    return bgr;
  }

  void fill(int r, int g, int b) {
    for (int i = 0; i < bgr.length; i += 3) {
      set(i, r, g, b);
    }
  }

  /** A vertical gradient between two colours over rows [y0, y1). */
  void verticalGradient(int y0, int y1, int[] top, int[] bottom) {
    for (int y = Math.max(0, y0); y < Math.min(height, y1); y++) {
      double f = y1 - y0 <= 1 ? 0 : (y - y0) / (double) (y1 - y0 - 1);
      int r = (int) Math.round(top[0] + f * (bottom[0] - top[0]));
      int g = (int) Math.round(top[1] + f * (bottom[1] - top[1]));
      int b = (int) Math.round(top[2] + f * (bottom[2] - top[2]));
      for (int x = 0; x < width; x++) {
        set((y * width + x) * 3, r, g, b);
      }
    }
  }

  /** Wood-like stripes: alternating shades every {@code period} columns, shifted per row band. */
  void stripes(int y0, int y1, int period, int[] a, int[] b) {
    for (int y = Math.max(0, y0); y < Math.min(height, y1); y++) {
      int shift = (y / 6) * 2;
      for (int x = 0; x < width; x++) {
        int[] c = ((x + shift) / period) % 2 == 0 ? a : b;
        set((y * width + x) * 3, c[0], c[1], c[2]);
      }
    }
  }

  void fillRect(double x0, double y0, double x1, double y1, int r, int g, int b) {
    int xa = clampX((int) Math.floor(Math.min(x0, x1)));
    int xb = clampX((int) Math.ceil(Math.max(x0, x1)));
    int ya = clampY((int) Math.floor(Math.min(y0, y1)));
    int yb = clampY((int) Math.ceil(Math.max(y0, y1)));
    for (int y = ya; y < yb; y++) {
      for (int x = xa; x < xb; x++) {
        set((y * width + x) * 3, r, g, b);
      }
    }
  }

  void fillCircle(double cx, double cy, double radius, int r, int g, int b) {
    int xa = clampX((int) Math.floor(cx - radius));
    int xb = clampX((int) Math.ceil(cx + radius) + 1);
    int ya = clampY((int) Math.floor(cy - radius));
    int yb = clampY((int) Math.ceil(cy + radius) + 1);
    double r2 = radius * radius;
    for (int y = ya; y < yb; y++) {
      for (int x = xa; x < xb; x++) {
        double dx = x + 0.5 - cx;
        double dy = y + 0.5 - cy;
        if (dx * dx + dy * dy <= r2) {
          set((y * width + x) * 3, r, g, b);
        }
      }
    }
  }

  /** A segment of the given thickness with round caps. */
  void line(double xa, double ya, double xb, double yb, double thickness, int r, int g, int b) {
    double half = thickness / 2;
    int x0 = clampX((int) Math.floor(Math.min(xa, xb) - half));
    int x1 = clampX((int) Math.ceil(Math.max(xa, xb) + half) + 1);
    int y0 = clampY((int) Math.floor(Math.min(ya, yb) - half));
    int y1 = clampY((int) Math.ceil(Math.max(ya, yb) + half) + 1);
    double dx = xb - xa;
    double dy = yb - ya;
    double len2 = dx * dx + dy * dy;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        double px = x + 0.5 - xa;
        double py = y + 0.5 - ya;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
        double ex = px - t * dx;
        double ey = py - t * dy;
        if (ex * ex + ey * ey <= half * half) {
          set((y * width + x) * 3, r, g, b);
        }
      }
    }
  }

  /** Multiplies every channel by {@code factor}: an under-exposed camera. */
  void scaleBrightness(double factor) {
    for (int i = 0; i < bgr.length; i++) {
      bgr[i] = (byte) Math.min(255, (int) Math.round((bgr[i] & 0xFF) * factor));
    }
  }

  /** Repeated box blur of the given radius: an out-of-focus or smeared lens. */
  void blur(int radius, int passes) {
    byte[] tmp = new byte[bgr.length];
    for (int p = 0; p < passes; p++) {
      boxPass(bgr, tmp, radius, true);
      boxPass(tmp, bgr, radius, false);
    }
  }

  private void boxPass(byte[] src, byte[] dst, int radius, boolean horizontal) {
    int n = horizontal ? width : height;
    int lines = horizontal ? height : width;
    for (int line = 0; line < lines; line++) {
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < n; i++) {
          int sum = 0;
          int count = 0;
          for (int k = Math.max(0, i - radius); k <= Math.min(n - 1, i + radius); k++) {
            int idx = horizontal ? (line * width + k) : (k * width + line);
            sum += src[idx * 3 + c] & 0xFF;
            count++;
          }
          int idx = horizontal ? (line * width + i) : (i * width + line);
          dst[idx * 3 + c] = (byte) ((sum + count / 2) / count);
        }
      }
    }
  }

  void clear() {
    Arrays.fill(bgr, (byte) 0);
  }

  /** A copy of the current pixels, to restore a static background cheaply with {@link #restore(byte[])}. */
  byte[] snapshot() {
    return bgr.clone();
  }

  void restore(byte[] snapshot) {
    System.arraycopy(snapshot, 0, bgr, 0, bgr.length);
  }

  /** Fills every row with {@code pattern} (3 bytes a pixel, at least width + shift pixels) shifted left by {@code shift}. */
  void repeatRow(byte[] pattern, int shift) {
    int rowBytes = width * 3;
    for (int y = 0; y < height; y++) {
      System.arraycopy(pattern, shift * 3, bgr, y * rowBytes, rowBytes);
    }
  }

  private void set(int i, int r, int g, int b) {
    bgr[i] = (byte) clamp255(b);
    bgr[i + 1] = (byte) clamp255(g);
    bgr[i + 2] = (byte) clamp255(r);
  }

  private static int clamp255(int v) {
    return Math.max(0, Math.min(255, v));
  }

  private int clampX(int x) {
    return Math.max(0, Math.min(width, x));
  }

  private int clampY(int y) {
    return Math.max(0, Math.min(height, y));
  }
}
