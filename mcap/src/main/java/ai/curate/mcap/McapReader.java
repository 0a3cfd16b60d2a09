package ai.curate.mcap;

import ai.curate.mcap.McapFormatException.Kind;
import ai.curate.mcap.McapSplit.ChunkSpan;
import ai.curate.mcap.records.Attachment;
import ai.curate.mcap.records.AttachmentIndex;
import ai.curate.mcap.records.Channel;
import ai.curate.mcap.records.ChunkIndex;
import ai.curate.mcap.records.Footer;
import ai.curate.mcap.records.Header;
import ai.curate.mcap.records.Metadata;
import ai.curate.mcap.records.MetadataIndex;
import ai.curate.mcap.records.Schema;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.Map;
import java.util.Optional;

/**
 * An MCAP file opened for reading: its header, its summary when it has one, and its messages, read by chunk index
 * when the summary has chunk indexes, else by linear scan (unchunked files, recordings whose summary or tail is
 * missing). {@link #splits} divides an indexed file into runs of chunks that independent tasks read with
 * {@link #messages(McapSplit, MessageOrder)}.
 *
 * <p>Two limits, both by design: reading by index delivers the messages inside chunks only (a writer that mixes
 * loose messages with chunks, which no known writer does, needs {@link #scan()}); and a file without chunk indexes is
 * delivered in file order whatever order is asked (sorting it would mean holding it in memory).
 *
 * <pre>{@code
 * try (McapReader reader = McapReader.open(path); McapMessageIterator messages = reader.messages(MessageOrder.LOG_TIME)) {
 *   while (messages.hasNext()) { McapMessage m = messages.next(); ... }
 *   messages.damage().ifPresent(d -> ledger(d.code(), d.offset(), d.detail()));
 * }
 * }</pre>
 */
public final class McapReader implements Closeable {
  private final Path path;
  private final McapReadOptions options;
  private final FileRecords file;
  private final Header header;
  private final Optional<Footer> footer;
  private final Optional<McapSummary> summary;

  private McapReader(Path path, McapReadOptions options, FileRecords file) {
    this.path = path;
    this.options = options;
    this.file = file;
    this.header = readHeader();
    long dataStart = Opcode.MAGIC.length;
    this.footer = SummaryLoader.footer(file, dataStart);
    this.summary = footer.flatMap(f -> SummaryLoader.load(file, f, options));
  }

  /** Opens {@code path} with the default options. */
  public static McapReader open(Path path) {
    return open(path, McapReadOptions.defaults());
  }

  /**
   * Opens {@code path}: checks the opening magic, reads the header, and the footer and summary when the file has
   * them.
   *
   * @throws McapFormatException when the file is not MCAP (bad_magic, truncated before the header) or its summary is
   *         corrupt (crc_mismatch, bad_record)
   */
  public static McapReader open(Path path, McapReadOptions options) {
    FileRecords file;
    try {
      file = new FileRecords(path, options);
    } catch (IOException e) {
      throw new UncheckedIOException("opening " + path, e);
    }
    try {
      return new McapReader(path, options, file);
    } catch (RuntimeException e) {
      try {
        file.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private Header readHeader() {
    if (file.size() < Opcode.MAGIC.length) {
      byte[] start = new byte[(int) file.size()];
      file.read(0, start.length).get(start);
      if (!Arrays.equals(start, Arrays.copyOf(Opcode.MAGIC, start.length))) {
        throw new McapFormatException(Kind.BAD_MAGIC, 0, "the file does not start with \\x89MCAP0\\r\\n");
      }
      throw new McapFormatException(Kind.TRUNCATED, file.size(), "the file ends inside the opening magic");
    }
    byte[] magic = new byte[Opcode.MAGIC.length];
    file.read(0, magic.length).get(magic);
    if (!Arrays.equals(magic, Opcode.MAGIC)) {
      throw new McapFormatException(Kind.BAD_MAGIC, 0, "the file does not start with \\x89MCAP0\\r\\n");
    }
    RawRecord first = file.recordAt(Opcode.MAGIC.length);
    if (first.opcode() != Opcode.HEADER) {
      throw new McapFormatException(Kind.BAD_RECORD, first.offset(), "the first record is "
          + Opcode.name(first.opcode()) + ", not a Header");
    }
    return (Header) first.parse();
  }

  public Path path() {
    return path;
  }

  public Header header() {
    return header;
  }

  /** The footer, when the file ends with one (a crashed recording does not). */
  public Optional<Footer> footer() {
    return footer;
  }

  /** The summary section, when the file has one. */
  public Optional<McapSummary> summary() {
    return summary;
  }

  /** True when messages are read by chunk index (the summary lists chunks); false when by linear scan. */
  public boolean indexed() {
    return summary.map(s -> !s.chunkIndexes().isEmpty()).orElse(false);
  }

  /** All messages of the file, in {@code order} (file order when the file has no chunk indexes). */
  public McapMessageIterator messages(MessageOrder order) {
    if (!indexed()) {
      return new LinearScan(path, options);
    }
    List<ChunkSpan> spans = summary.get().chunkIndexes().stream().map(McapReader::span).toList();
    return new ChunkMessages(file, options, order, spans, schemas(), channels());
  }

  /** The messages of one split of this file (made by {@link #splits}, possibly in another JVM). */
  public McapMessageIterator messages(McapSplit split, MessageOrder order) {
    if (split.wholeFile()) {
      return new LinearScan(path, options);
    }
    if (!indexed()) {
      throw new IllegalArgumentException("split " + split.index() + " names chunks, but " + path
          + " has no chunk indexes: it was made for another file");
    }
    return new ChunkMessages(file, options, order, split.chunks(), schemas(), channels());
  }

  /**
   * The messages of {@code channels} (by channel id) in one split of this file: as {@link #messages(McapSplit,
   * MessageOrder)}, but the other channels' messages are skipped inside each chunk without being parsed or copied,
   * which is what a reader of a few topics of a large recording wants. A whole-file split (a linear scan) delivers
   * every message; filter those yourself.
   */
  public McapMessageIterator messages(McapSplit split, MessageOrder order, IntPredicate channels) {
    if (split.wholeFile() || !indexed()) {
      return messages(split, order);
    }
    return new ChunkMessages(file, options, order, split.chunks(), schemas(), channels(), channels);
  }

  /**
   * Divides the file into splits of consecutive chunks (in file order), closing a split once its chunks reach
   * {@code targetBytes}; every chunk is in exactly one split. A file without chunk indexes is one whole-file split.
   */
  public List<McapSplit> splits(long targetBytes) {
    if (targetBytes <= 0) {
      throw new IllegalArgumentException("targetBytes must be positive: " + targetBytes);
    }
    if (!indexed()) {
      return List.of(new McapSplit(0, List.of(), true));
    }
    List<ChunkIndex> byOffset = new ArrayList<>(summary.get().chunkIndexes());
    byOffset.sort(Comparator.comparingLong(ChunkIndex::chunkStartOffset));
    List<McapSplit> splits = new ArrayList<>();
    List<ChunkSpan> current = new ArrayList<>();
    long bytes = 0;
    for (ChunkIndex index : byOffset) {
      current.add(span(index));
      bytes += index.chunkLength();
      if (bytes >= targetBytes) {
        splits.add(new McapSplit(splits.size(), current, false));
        current = new ArrayList<>();
        bytes = 0;
      }
    }
    if (!current.isEmpty()) {
      splits.add(new McapSplit(splits.size(), current, false));
    }
    return List.copyOf(splits);
  }

  /** The attachment an index entry (of the summary, or of a scan) points to, its CRC checked. */
  public Attachment attachment(AttachmentIndex index) {
    return (Attachment) expect(file.recordAt(index.offset()), Opcode.ATTACHMENT, "attachment index").parse();
  }

  /** The metadata record an index entry of the summary points to. */
  public Metadata metadata(MetadataIndex index) {
    return (Metadata) expect(file.recordAt(index.offset()), Opcode.METADATA, "metadata index").parse();
  }

  private static RawRecord expect(RawRecord record, int opcode, String pointer) {
    if (record.opcode() != opcode) {
      throw new McapFormatException(Kind.BAD_RECORD, record.offset(), "the " + pointer + " points to "
          + Opcode.name(record.opcode()) + ", not " + Opcode.name(opcode));
    }
    return record;
  }

  /** Scans the whole file from the start (ignoring the summary) and reports what it holds and any damage. */
  public McapScanResult scan() {
    return scan(path, options);
  }

  /** Scans {@code path} linearly, as {@link #scan()}, without opening it as indexed first. */
  public static McapScanResult scan(Path path, McapReadOptions options) {
    try (LinearScan scan = new LinearScan(path, options)) {
      return scan.drain();
    }
  }

  /**
   * The messages of {@code path} by linear scan from the start, without reading its summary: for a file whose summary
   * is damaged (so {@link #open} refuses it) but whose data section may still be intact. Ends at the first damage,
   * reported by {@link McapMessageIterator#damage()}.
   */
  public static McapMessageIterator scanMessages(Path path, McapReadOptions options) {
    return new LinearScan(path, options);
  }

  private Map<Integer, Schema> schemas() {
    return summary.map(McapSummary::schemas).orElse(Map.of());
  }

  private Map<Integer, Channel> channels() {
    return summary.map(McapSummary::channels).orElse(Map.of());
  }

  private static ChunkSpan span(ChunkIndex index) {
    return new ChunkSpan(index.chunkStartOffset(), index.chunkLength(), index.messageStartTime(),
        index.messageEndTime());
  }

  @Override
  public void close() {
    try {
      file.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
