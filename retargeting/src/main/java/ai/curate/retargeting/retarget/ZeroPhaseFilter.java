package ai.curate.retargeting.retarget;

/**
 * Second-order Butterworth low-pass run forwards then backwards (like scipy's filtfilt): no lag, so
 * smoothed joint trajectories stay aligned with the video. The ends are padded by odd reflection and
 * each pass starts from its steady state, which keeps the ends from ringing.
 */
public final class ZeroPhaseFilter {
  private final double b0;
  private final double b1;
  private final double b2;
  private final double a1;
  private final double a2;
  private final int padding;
  private double[] work = new double[0];

  /** @param cutoffHz must be below half the sample rate */
  public ZeroPhaseFilter(double cutoffHz, double sampleRateHz) {
    if (!(cutoffHz > 0 && cutoffHz < 0.5 * sampleRateHz)) {
      throw new IllegalArgumentException(
          "smoothing cutoff " + cutoffHz + " Hz must be between 0 and half the frame rate ("
              + 0.5 * sampleRateHz + " Hz); lower smoothing.cutoff_hz");
    }
    double k = Math.tan(Math.PI * cutoffHz / sampleRateHz);
    double norm = 1 / (1 + Math.sqrt(2) * k + k * k);
    b0 = k * k * norm;
    b1 = 2 * b0;
    b2 = b0;
    a1 = 2 * (k * k - 1) * norm;
    a2 = (1 - Math.sqrt(2) * k + k * k) * norm;
    // three periods of the cutoff (at least scipy's default of 3 * (order + 1)): long enough for the
    // start-up transient of each pass to die out before the real samples
    padding = Math.max(9, (int) Math.ceil(3 * sampleRateHz / cutoffHz));
  }

  /** Filters {@code data[offset + i * stride]} for i in [0, count) in place. Reuses an internal buffer. */
  public void filterInPlace(double[] data, int offset, int stride, int count) {
    if (count < 3) {
      return;
    }
    int pad = Math.min(padding, count - 1);
    int len = count + 2 * pad;
    if (work.length < len) {
      work = new double[len];
    }
    double first = data[offset];
    double last = data[offset + (count - 1) * stride];
    for (int i = 0; i < pad; i++) {
      work[i] = 2 * first - data[offset + (pad - i) * stride];
      work[pad + count + i] = 2 * last - data[offset + (count - 2 - i) * stride];
    }
    for (int i = 0; i < count; i++) {
      work[pad + i] = data[offset + i * stride];
    }
    pass(work, len, true);
    pass(work, len, false);
    for (int i = 0; i < count; i++) {
      data[offset + i * stride] = work[pad + i];
    }
  }

  /** One direct-form-II-transposed pass, starting in the steady state of its first input. */
  private void pass(double[] w, int len, boolean forward) {
    double x0 = forward ? w[0] : w[len - 1];
    double z1 = (1 - b0) * x0;
    double z2 = (b2 - a2) * x0;
    for (int k = 0; k < len; k++) {
      int i = forward ? k : len - 1 - k;
      double x = w[i];
      double y = b0 * x + z1;
      z1 = b1 * x - a1 * y + z2;
      z2 = b2 * x - a2 * y;
      w[i] = y;
    }
  }
}
