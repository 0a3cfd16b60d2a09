package ai.curate.jobs.video;

/**
 * Computes {@link FrameSignals} for a sequence of grey images of one size. Stateful (it remembers the previous image
 * for the frame difference), so use one instance per video, from one thread.
 *
 * <p>Definitions (the contract of {@code bronze.human_video_frames}), all on the W x H grey image, luma 0-255:
 * brightness = mean; contrast = population std; sharpness = population variance of
 * {@code L(x,y) = Y(x-1,y) + Y(x+1,y) + Y(x,y-1) + Y(x,y+1) - 4 Y(x,y)} over pixels not on the border;
 * difference = mean |Y - Y_previous|; scene score = 100/256 * min(difference, |difference - previous difference|)
 * (the definition of FFmpeg's scdet filter); black = at least {@code blackMinFraction} of pixels at or below
 * {@code blackPixelMaxLuma}; frozen = no pixel differs from the previous image by more than
 * {@code frozenMaxPixelDiff}.
 */
public final class FrameSignalCalculator {
  /** Per-row sums are kept in ints (which the JIT vectorises); this bound keeps the Laplacian's row sum from overflowing. */
  static final int MAX_WIDTH = 1024;

  private final VideoAnalysisOptions options;
  private final int width;
  private final int height;
  private byte[] previous;
  private Double previousDiff;

  public FrameSignalCalculator(VideoAnalysisOptions options, int width, int height) {
    if (width < 3 || height < 3 || width > MAX_WIDTH) {
      throw new IllegalArgumentException("signal image must be 3x3 to " + MAX_WIDTH + " pixels wide, got " + width
          + "x" + height);
    }
    this.options = options;
    this.width = width;
    this.height = height;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /**
   * Scores one frame. {@code luma} holds {@code height} rows of {@code stride} bytes, the first {@code width} of each
   * row being pixels (unsigned).
   */
  public FrameSignals next(int frameIndex, long ptsUs, boolean keyFrame, byte[] luma, int stride) {
    if (stride < width || luma.length < (long) stride * (height - 1) + width) {
      throw new IllegalArgumentException("grey image buffer too small for " + width + "x" + height + " with stride "
          + stride + ": " + luma.length + " bytes");
    }
    // One pass over the rows, branch-free inner loops: this runs once per decoded frame, next to the decoder.
    byte[] prev = previous;
    int blackLevel = options.blackPixelMaxLuma();
    long sum = 0;
    long sumSquares = 0;
    long black = 0;
    long absDiff = 0;
    int maxDiff = 0;
    long lapSum = 0;
    long lapSquares = 0;
    for (int row = 0; row < height; row++) {
      int in = row * stride;
      int rowSum = 0;
      int rowSquares = 0;
      int rowBlack = 0;
      for (int col = 0; col < width; col++) {
        int v = luma[in + col] & 0xff;
        rowSum += v;
        rowSquares += v * v;
        rowBlack += ((blackLevel - v) >>> 31) ^ 1;
      }
      sum += rowSum;
      sumSquares += rowSquares;
      black += rowBlack;
      if (prev != null) {
        int p = row * width;
        int rowDiff = 0;
        int rowMax = 0;
        for (int col = 0; col < width; col++) {
          int d = Math.abs((luma[in + col] & 0xff) - (prev[p + col] & 0xff));
          rowDiff += d;
          rowMax = Math.max(rowMax, d);
        }
        absDiff += rowDiff;
        maxDiff = Math.max(maxDiff, rowMax);
      }
      if (row > 0 && row < height - 1) {
        int up = in - stride;
        int down = in + stride;
        int rowLap = 0;
        int rowLapSquares = 0;
        for (int col = 1; col < width - 1; col++) {
          int l = (luma[in + col - 1] & 0xff) + (luma[in + col + 1] & 0xff) + (luma[up + col] & 0xff)
              + (luma[down + col] & 0xff) - 4 * (luma[in + col] & 0xff);
          rowLap += l;
          rowLapSquares += l * l;
        }
        lapSum += rowLap;
        lapSquares += rowLapSquares;
      }
    }
    int pixels = width * height;
    double mean = (double) sum / pixels;
    double variance = Math.max(0.0, (double) sumSquares / pixels - mean * mean);
    long interior = (long) (width - 2) * (height - 2);
    double lapMean = (double) lapSum / interior;
    double sharpness = Math.max(0.0, (double) lapSquares / interior - lapMean * lapMean);

    Double diff = prev == null ? null : (double) absDiff / pixels;
    Integer largestDiff = prev == null ? null : maxDiff;
    Double sceneScore = null;
    if (diff != null) {
      double change = previousDiff == null ? diff : Math.abs(diff - previousDiff);
      sceneScore = Math.min(100.0, Math.min(diff, change) * 100.0 / 256.0);
    }
    FrameSignals signals = new FrameSignals(frameIndex, ptsUs, keyFrame, mean, Math.sqrt(variance), sharpness,
        diff, largestDiff, sceneScore,
        largestDiff != null && largestDiff <= options.frozenMaxPixelDiff(),
        black >= options.blackMinFraction() * pixels,
        sceneScore != null && sceneScore >= options.sceneCutMinScore());

    previousDiff = diff;
    if (previous == null) {
      previous = new byte[pixels];
    }
    for (int row = 0; row < height; row++) {
      System.arraycopy(luma, row * stride, previous, row * width, width);
    }
    return signals;
  }
}
