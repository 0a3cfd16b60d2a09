package ai.curate.mcap;

import ai.curate.mcap.McapFormatException.Kind;
import ai.curate.mcap.McapSplit.ChunkSpan;
import ai.curate.mcap.records.Channel;
import ai.curate.mcap.records.Chunk;
import ai.curate.mcap.records.Message;
import ai.curate.mcap.records.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.IntPredicate;

/**
 * Messages of a list of chunks found by index, read chunk by chunk (seek, read, decompress). In log-time order, a
 * chunk is loaded only once the merge reaches its start time, so memory holds the chunks whose time ranges overlap,
 * not the file. Schemas and channels come from the summary, completed by any a chunk itself declares.
 */
final class ChunkMessages implements McapMessageIterator {
  /** The messages of one loaded chunk, sorted for the order asked, and how far they have been delivered. */
  private static final class Cursor {
    final List<McapMessage> messages;
    final int chunkOrdinal;
    int next;

    Cursor(List<McapMessage> messages, int chunkOrdinal) {
      this.messages = messages;
      this.chunkOrdinal = chunkOrdinal;
    }

    McapMessage current() {
      return messages.get(next);
    }
  }

  private final FileRecords file;
  private final McapReadOptions options;
  private final MessageOrder order;
  private final List<ChunkSpan> chunks;
  private final Map<Integer, Schema> schemas;
  private final Map<Integer, Channel> channels;
  private final PriorityQueue<Cursor> loaded;
  /** The channels whose messages are delivered; null: all. */
  private final IntPredicate wanted;
  private int nextChunk;

  ChunkMessages(FileRecords file, McapReadOptions options, MessageOrder order, List<ChunkSpan> chunks,
      Map<Integer, Schema> schemas, Map<Integer, Channel> channels) {
    this(file, options, order, chunks, schemas, channels, null);
  }

  ChunkMessages(FileRecords file, McapReadOptions options, MessageOrder order, List<ChunkSpan> chunks,
      Map<Integer, Schema> schemas, Map<Integer, Channel> channels, IntPredicate wanted) {
    this.wanted = wanted;
    this.file = file;
    this.options = options;
    this.order = order;
    this.schemas = new HashMap<>(schemas);
    this.channels = new HashMap<>(channels);
    List<ChunkSpan> sorted = new ArrayList<>(chunks);
    Comparator<ChunkSpan> byOffset = Comparator.comparingLong(ChunkSpan::offset);
    sorted.sort(order == MessageOrder.LOG_TIME
        ? Comparator.<ChunkSpan, Long>comparing(ChunkSpan::messageStartTime, Long::compareUnsigned).thenComparing(
            byOffset)
        : byOffset);
    this.chunks = sorted;
    Comparator<Cursor> byChunk = Comparator.comparingInt(c -> c.chunkOrdinal);
    this.loaded = new PriorityQueue<>(order == MessageOrder.LOG_TIME
        ? Comparator.<Cursor, Long>comparing(c -> c.current().logTime(), Long::compareUnsigned).thenComparing(byChunk)
        : byChunk);
  }

  @Override
  public boolean hasNext() {
    while (nextChunk < chunks.size() && (loaded.isEmpty() || order == MessageOrder.LOG_TIME && Long.compareUnsigned(
        chunks.get(nextChunk).messageStartTime(), loaded.peek().current().logTime()) <= 0)) {
      load(nextChunk++);
    }
    return !loaded.isEmpty();
  }

  @Override
  public McapMessage next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Cursor cursor = loaded.poll();
    McapMessage message = cursor.current();
    cursor.next++;
    if (cursor.next < cursor.messages.size()) {
      loaded.add(cursor);
    }
    return message;
  }

  private void load(int ordinal) {
    ChunkSpan span = chunks.get(ordinal);
    RawRecord record = file.recordAt(span.offset());
    if (record.opcode() != Opcode.CHUNK) {
      throw new McapFormatException(Kind.BAD_RECORD, span.offset(), "the chunk index points to "
          + Opcode.name(record.opcode()) + ", not a Chunk");
    }
    List<McapMessage> messages = new ArrayList<>();
    for (Object each : ChunkRecords.of((Chunk) record.parse(), span.offset(), options, wanted)) {
      if (each instanceof Schema s) {
        schemas.putIfAbsent(s.id(), s);
      } else if (each instanceof Channel c) {
        channels.putIfAbsent(c.id(), c);
      } else if (each instanceof Message m) {
        messages.add(MessageResolver.resolve(m, channels, schemas, span.offset()));
      }
    }
    if (order == MessageOrder.LOG_TIME) {
      // Stable: equal times keep their order in the chunk.
      messages.sort(Comparator.comparing(McapMessage::logTime, Long::compareUnsigned));
    }
    if (!messages.isEmpty()) {
      loaded.add(new Cursor(messages, ordinal));
    }
  }

  @Override
  public Optional<McapDamage> damage() {
    return Optional.empty();
  }

  @Override
  public void close() {
    // The reader owns the file.
  }
}
