package ai.curate.jobs.sample;

import java.util.Arrays;

/**
 * A block of stream rows before it is written: timestamps plus one row-major float matrix per list column.
 * Faults edit batches (drop, swap, repeat rows) before they reach the file, exactly as a faulty logger would.
 */
final class StreamBatch {
  long[] ts;
  final float[][] columns;
  final int[] widths;
  int rows;

  StreamBatch(int capacity, int[] widths) {
    this.ts = new long[capacity];
    this.widths = widths.clone();
    this.columns = new float[widths.length][];
    for (int c = 0; c < widths.length; c++) {
      columns[c] = new float[capacity * widths[c]];
    }
  }

  int capacity() {
    return ts.length;
  }

  /** Appends an empty row and returns its index; the caller fills {@code ts} and the columns. */
  int addRow() {
    if (rows == ts.length) {
      grow(Math.max(16, rows * 2));
    }
    return rows++;
  }

  void clear() {
    rows = 0;
  }

  void removeRows(int from, int to) {
    int n = to - from;
    if (n <= 0) {
      return;
    }
    System.arraycopy(ts, to, ts, from, rows - to);
    for (int c = 0; c < columns.length; c++) {
      int w = widths[c];
      System.arraycopy(columns[c], to * w, columns[c], from * w, (rows - to) * w);
    }
    rows -= n;
  }

  void swapRows(int a, int b) {
    long t = ts[a];
    ts[a] = ts[b];
    ts[b] = t;
    for (int c = 0; c < columns.length; c++) {
      int w = widths[c];
      float[] tmp = Arrays.copyOfRange(columns[c], a * w, a * w + w);
      System.arraycopy(columns[c], b * w, columns[c], a * w, w);
      System.arraycopy(tmp, 0, columns[c], b * w, w);
    }
  }

  /** Inserts a copy of row {@code i} right after it: a logger that wrote the same sample twice. */
  void duplicateRow(int i) {
    if (rows == ts.length) {
      grow(rows * 2);
    }
    System.arraycopy(ts, i, ts, i + 1, rows - i);
    for (int c = 0; c < columns.length; c++) {
      int w = widths[c];
      System.arraycopy(columns[c], i * w, columns[c], (i + 1) * w, (rows - i) * w);
    }
    rows++;
  }

  private void grow(int capacity) {
    ts = Arrays.copyOf(ts, capacity);
    for (int c = 0; c < columns.length; c++) {
      columns[c] = Arrays.copyOf(columns[c], capacity * widths[c]);
    }
  }
}
