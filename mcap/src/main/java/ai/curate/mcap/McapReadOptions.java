package ai.curate.mcap;

/**
 * How a reader protects itself: {@code maxRecordBytes} caps any record body (and any chunk's uncompressed size) it
 * will allocate, so a corrupt or hostile length is refused with {@link McapFormatException.Kind#RECORD_TOO_LARGE}
 * instead of exhausting the heap.
 */
public record McapReadOptions(long maxRecordBytes) {
  /** 256 MiB: far above a sane chunk, far below an executor's heap. */
  public static final long DEFAULT_MAX_RECORD_BYTES = 256L << 20;

  public McapReadOptions {
    if (maxRecordBytes <= 0 || maxRecordBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("maxRecordBytes must be in 1.." + (Integer.MAX_VALUE - 16));
    }
  }

  /** The default cap. */
  public static McapReadOptions defaults() {
    return new McapReadOptions(DEFAULT_MAX_RECORD_BYTES);
  }
}
