package ai.curate.jobs.sample;

/**
 * A row-level defect applied to a stream's batches as they are written: the file stays readable, the rows are
 * wrong the way a faulty logger or sensor makes them wrong. Windows are on the stream's device clock.
 */
final class StreamFault {
  private final FaultKind kind;
  private final long windowStart;
  private final long windowEnd;
  private final int joint;
  private final int duplicateEvery;
  private float[] frozen;
  private int affected;

  StreamFault(FaultKind kind, long windowStart, long windowEnd, int joint, int duplicateEvery) {
    this.kind = kind;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.joint = joint;
    this.duplicateEvery = Math.max(1, duplicateEvery);
  }

  FaultKind kind() {
    return kind;
  }

  long windowStart() {
    return windowStart;
  }

  long windowEnd() {
    return windowEnd;
  }

  /** Rows the fault changed (NaN rows, removed rows, swapped pairs, duplicated rows, frozen rows). */
  int affectedRows() {
    return affected;
  }

  private boolean inWindow(long ts) {
    return ts >= windowStart && ts <= windowEnd;
  }

  void apply(StreamBatch b) {
    switch (kind) {
      case NAN_VALUES -> {
        for (int i = 0; i < b.rows; i++) {
          if (inWindow(b.ts[i])) {
            b.columns[0][i * b.widths[0] + joint] = Float.NaN;
            b.columns[1][i * b.widths[1] + joint] = Float.NaN;
            affected++;
          }
        }
      }
      case TIMESTAMP_GAP -> {
        int from = -1;
        int to = -1;
        for (int i = 0; i < b.rows; i++) {
          if (inWindow(b.ts[i])) {
            if (from < 0) {
              from = i;
            }
            to = i + 1;
          }
        }
        if (from >= 0) {
          b.removeRows(from, to);
          affected += to - from;
        }
      }
      case TIMESTAMP_REORDER -> {
        for (int i = 0; i + 1 < b.rows; i++) {
          if (inWindow(b.ts[i]) && inWindow(b.ts[i + 1])) {
            b.swapRows(i, i + 1);
            affected++;
            i += 2; // leave a gap row so every swap is one visible out-of-order step
          }
        }
      }
      case TIMESTAMP_DUPLICATE -> {
        int seen = 0;
        for (int i = 0; i < b.rows; i++) {
          if (inWindow(b.ts[i])) {
            if (seen % duplicateEvery == 0) {
              b.duplicateRow(i);
              affected++;
              i++;
            }
            seen++;
          }
        }
      }
      case FROZEN_SENSOR -> {
        for (int i = 0; i < b.rows; i++) {
          if (inWindow(b.ts[i])) {
            if (frozen == null) {
              frozen = new float[b.columns.length];
              for (int c = 0; c < b.columns.length; c++) {
                frozen[c] = b.columns[c][i * b.widths[c] + joint];
              }
            }
            for (int c = 0; c < b.columns.length; c++) {
              b.columns[c][i * b.widths[c] + joint] = frozen[c];
            }
            affected++;
          }
        }
      }
      default -> throw new IllegalStateException(kind + " is not a row-level stream fault");
    }
  }
}
