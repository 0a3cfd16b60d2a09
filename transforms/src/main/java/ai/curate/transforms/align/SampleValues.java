package ai.curate.transforms.align;

/**
 * One sample's values as the merge holds them. The merge sees every sample but uses few of them (a 500 Hz stream
 * on a 30 Hz grid: two samples per step for interpolation, the rest are only stepped over), so float samples are
 * kept as the float copy taken from the sorter's row and widened to doubles the first time a step uses them.
 * Finiteness is checked once, on construction.
 */
final class SampleValues {
  private final float[] floats;
  private double[] doubles;
  private final boolean usable;

  private SampleValues(float[] floats, double[] doubles) {
    this.floats = floats;
    this.doubles = doubles;
    this.usable = floats != null ? allFinite(floats) : AlignMath.isUsable(doubles);
  }

  /** @param values a sample's values; null (missing) is allowed and never usable */
  static SampleValues ofDoubles(double[] values) {
    return values == null ? null : new SampleValues(null, values);
  }

  /** @param values a sample's float values, owned by the new instance from now on */
  static SampleValues ofFloats(float[] values) {
    return new SampleValues(values, null);
  }

  /** Whether every value is finite (NaN or infinite = the sample is missing). */
  boolean usable() {
    return usable;
  }

  /** The values as doubles (float values widened exactly); the same array on every call. */
  double[] doubles() {
    if (doubles == null) {
      double[] widened = new double[floats.length];
      for (int i = 0; i < widened.length; i++) {
        widened[i] = floats[i];
      }
      doubles = widened;
    }
    return doubles;
  }

  private static boolean allFinite(float[] values) {
    for (float v : values) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
