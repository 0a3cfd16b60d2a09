package ai.curate.jobs.fleet;

import java.util.ArrayList;
import java.util.List;

/** Cuts a file's record batches into consecutive slices of at most {@code targetBytes} of body (one batch at least). */
final class SlicePlanner {
  private SlicePlanner() {}

  /** Ranges [start, end) of batch indexes covering every batch once, in file order. */
  static List<int[]> cut(long[] bodyBytes, long targetBytes) {
    List<int[]> out = new ArrayList<>();
    int start = 0;
    long sum = 0;
    for (int i = 0; i < bodyBytes.length; i++) {
      if (i > start && sum + bodyBytes[i] > targetBytes) {
        out.add(new int[] {start, i});
        start = i;
        sum = 0;
      }
      sum += bodyBytes[i];
    }
    if (start < bodyBytes.length) {
      out.add(new int[] {start, bodyBytes.length});
    }
    return out;
  }
}
