package ai.curate.retargeting.retarget;

import java.util.Arrays;

/** Append-only primitive storage: a clip's trajectories without boxing. */
final class GrowableArrays {
  private GrowableArrays() {}

  static final class Doubles {
    double[] data = new double[256];
    int size;

    void add(double[] src, int off, int len) {
      ensure(size + len);
      System.arraycopy(src, off, data, size, len);
      size += len;
    }

    void add(double v) {
      ensure(size + 1);
      data[size++] = v;
    }

    private void ensure(int n) {
      if (n > data.length) {
        data = Arrays.copyOf(data, Math.max(n, 2 * data.length));
      }
    }
  }

  static final class Ints {
    int[] data = new int[256];
    int size;

    void add(int v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, 2 * data.length);
      }
      data[size++] = v;
    }
  }
}
