package ai.curate.mcap;

/**
 * How {@link McapWriter} lays out a file.
 *
 * @param profile the header's profile, e.g. {@code ros2} ("" for none)
 * @param library the header's library, naming the writer
 * @param chunked true to batch records into chunks (with message indexes and chunk indexes)
 * @param chunkSize uncompressed bytes after which a chunk is closed
 * @param compression how chunks are compressed
 * @param summary true to write the summary section (schemas, channels, statistics, indexes, summary offsets)
 */
public record McapWriterOptions(String profile, String library, boolean chunked, long chunkSize,
    Compression compression, boolean summary) {
  /** A chunk's compression, with the name the file records. */
  public enum Compression {
    NONE(""),
    ZSTD("zstd"),
    LZ4("lz4");

    private final String recordName;

    Compression(String recordName) {
      this.recordName = recordName;
    }

    /** The name in the Chunk record: "", "zstd" or "lz4". */
    public String recordName() {
      return recordName;
    }
  }

  public McapWriterOptions {
    if (chunkSize <= 0) {
      throw new IllegalArgumentException("chunkSize must be positive: " + chunkSize);
    }
  }

  /** Chunked, zstd, 4 MiB chunks, with a summary; profile "" and library "curate-mcap". */
  public static McapWriterOptions defaults() {
    return new McapWriterOptions("", "curate-mcap", true, 4L << 20, Compression.ZSTD, true);
  }

  public McapWriterOptions withProfile(String value) {
    return new McapWriterOptions(value, library, chunked, chunkSize, compression, summary);
  }

  public McapWriterOptions withLibrary(String value) {
    return new McapWriterOptions(profile, value, chunked, chunkSize, compression, summary);
  }

  public McapWriterOptions withChunked(boolean value) {
    return new McapWriterOptions(profile, library, value, chunkSize, compression, summary);
  }

  public McapWriterOptions withChunkSize(long value) {
    return new McapWriterOptions(profile, library, chunked, value, compression, summary);
  }

  public McapWriterOptions withCompression(Compression value) {
    return new McapWriterOptions(profile, library, chunked, chunkSize, value, summary);
  }

  public McapWriterOptions withSummary(boolean value) {
    return new McapWriterOptions(profile, library, chunked, chunkSize, compression, value);
  }
}
