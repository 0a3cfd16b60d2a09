package ai.curate.quality.checks;

import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Reads step values from rows whatever their exact Spark types: integral or floating numbers, arrays as Scala
 * sequences (what Spark's row decoder yields), Java lists or primitive arrays (handy in pure tests).
 */
public final class StepValues {
  private StepValues() {}

  public static boolean isNull(Row row, int i) {
    return row.isNullAt(i);
  }

  public static long getLong(Row row, int i) {
    return ((Number) row.get(i)).longValue();
  }

  /** The number at {@code i}, or null. */
  public static Double getDouble(Row row, int i) {
    Object v = row.get(i);
    return v == null ? null : ((Number) v).doubleValue();
  }

  /** True only for a non-null true. */
  public static boolean isTrue(Row row, int i) {
    Object v = row.get(i);
    return v instanceof Boolean b && b;
  }

  /**
   * The value under {@code key} of the map at {@code i}; null when the map is null, lacks the key or holds null
   * there. Spark's row decoder yields Scala maps, pure tests Java maps.
   */
  public static Object mapGet(Row row, int i, String key) {
    Object v = row.get(i);
    if (v == null) {
      return null;
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      scala.Option<Object> found = ((scala.collection.Map<Object, Object>) m).get(key);
      return found.isDefined() ? found.get() : null;
    }
    if (v instanceof java.util.Map<?, ?> m) {
      return m.get(key);
    }
    throw new IllegalArgumentException("expected a map, got " + v.getClass().getName());
  }

  /**
   * The numeric array at {@code i} as doubles, reusing {@code reuse} when it has the right length; null when the
   * value is null. A null element becomes NaN.
   */
  public static double[] doubles(Row row, int i, double[] reuse) {
    return doubles(row.get(i), reuse);
  }

  public static double[] doubles(Object value, double[] reuse) {
    if (value == null) {
      return null;
    }
    if (value instanceof double[] d) {
      return copy(d, reuse);
    }
    if (value instanceof float[] f) {
      double[] out = sized(reuse, f.length);
      for (int k = 0; k < f.length; k++) {
        out[k] = f[k];
      }
      return out;
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      double[] out = sized(reuse, seq.length());
      scala.collection.Iterator<?> it = seq.iterator();
      int k = 0;
      while (it.hasNext()) {
        out[k++] = toDouble(it.next());
      }
      return out;
    }
    if (value instanceof List<?> list) {
      double[] out = sized(reuse, list.size());
      int k = 0;
      for (Object e : list) {
        out[k++] = toDouble(e);
      }
      return out;
    }
    throw new IllegalArgumentException("expected a numeric array, got " + value.getClass().getName());
  }

  /** A nested numeric array (e.g. keypoints, 21 x 3) flattened row by row; null when the value is null. */
  public static double[] flatDoubles(Object value, double[] reuse) {
    if (value == null) {
      return null;
    }
    Iterable<?> outer = iterable(value);
    int n = 0;
    for (Object inner : outer) {
      n += inner == null ? 0 : length(inner);
    }
    double[] out = sized(reuse, n);
    int k = 0;
    for (Object inner : outer) {
      if (inner == null) {
        continue;
      }
      for (Object e : iterable(inner)) {
        out[k++] = toDouble(e);
      }
    }
    return out;
  }

  private static Iterable<?> iterable(Object value) {
    if (value instanceof scala.collection.Seq<?> seq) {
      return scala.collection.JavaConverters.seqAsJavaList(seq);
    }
    if (value instanceof List<?> list) {
      return list;
    }
    if (value instanceof double[] || value instanceof float[]) {
      double[] d = doubles(value, null);
      return java.util.Arrays.stream(d).boxed().toList();
    }
    throw new IllegalArgumentException("expected an array, got " + value.getClass().getName());
  }

  private static int length(Object value) {
    if (value instanceof scala.collection.Seq<?> seq) {
      return seq.length();
    }
    if (value instanceof List<?> list) {
      return list.size();
    }
    if (value instanceof double[] d) {
      return d.length;
    }
    if (value instanceof float[] f) {
      return f.length;
    }
    throw new IllegalArgumentException("expected an array, got " + value.getClass().getName());
  }

  /** A number for messages: four significant digits, no trailing zeros (0.29, 80, 1.234E+5 stays readable). */
  public static String brief(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }

  private static double toDouble(Object e) {
    return e == null ? Double.NaN : ((Number) e).doubleValue();
  }

  private static double[] copy(double[] src, double[] reuse) {
    double[] out = sized(reuse, src.length);
    System.arraycopy(src, 0, out, 0, src.length);
    return out;
  }

  private static double[] sized(double[] reuse, int n) {
    return reuse != null && reuse.length == n ? reuse : new double[n];
  }
}
