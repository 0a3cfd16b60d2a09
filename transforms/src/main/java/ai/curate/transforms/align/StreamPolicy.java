package ai.curate.transforms.align;

import java.io.Serializable;

/**
 * How one stream is aligned: the method and the max gap in nanoseconds. A sample can influence the value at t
 * only when |t - ts| <= maxGapNs (inclusive). For the window methods maxGapNs is the window length: the window
 * is (t - maxGapNs, t], half open so that a grid of period maxGapNs counts every sample exactly once.
 */
public record StreamPolicy(AlignMethod method, long maxGapNs) implements Serializable {

  public static final long MILLIS = 1_000_000L;

  public StreamPolicy {
    if (method == null) {
      throw new IllegalArgumentException("Stream policy needs a method (one of LINEAR, PREVIOUS, NEAREST, "
          + "WINDOW_MEAN, WINDOW_MAX)");
    }
    if (maxGapNs < 0) {
      throw new IllegalArgumentException("Stream policy " + method + ": max gap must be >= 0 ns, got " + maxGapNs);
    }
    if (method.isWindow() && maxGapNs == 0) {
      throw new IllegalArgumentException("Stream policy " + method + ": the window length (max gap) must be > 0 ns");
    }
  }

  public static StreamPolicy linear(long maxGapNs) {
    return new StreamPolicy(AlignMethod.LINEAR, maxGapNs);
  }

  public static StreamPolicy previous(long maxGapNs) {
    return new StreamPolicy(AlignMethod.PREVIOUS, maxGapNs);
  }

  public static StreamPolicy nearest(long maxGapNs) {
    return new StreamPolicy(AlignMethod.NEAREST, maxGapNs);
  }

  public static StreamPolicy windowMean(long windowNs) {
    return new StreamPolicy(AlignMethod.WINDOW_MEAN, windowNs);
  }

  public static StreamPolicy windowMax(long windowNs) {
    return new StreamPolicy(AlignMethod.WINDOW_MAX, windowNs);
  }

  /** Nearest frame within half a frame period (floored to whole ns), the default for cameras. */
  public static StreamPolicy cameraDefault(double fps) {
    if (!(fps > 0) || Double.isInfinite(fps)) {
      throw new IllegalArgumentException("Camera frame rate must be a positive number of frames per second, got "
          + fps + "; check the camera's fps in the session manifest");
    }
    return nearest((long) Math.floor(500_000_000.0 / fps));
  }

  /** How far from a sample's ts a grid time can be and still be influenced by it. */
  public long reachNs() {
    return maxGapNs;
  }
}
