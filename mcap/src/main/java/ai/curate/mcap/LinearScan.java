package ai.curate.mcap;

import ai.curate.mcap.McapFormatException.Kind;
import ai.curate.mcap.records.Attachment;
import ai.curate.mcap.records.AttachmentIndex;
import ai.curate.mcap.records.Channel;
import ai.curate.mcap.records.Chunk;
import ai.curate.mcap.records.DataEnd;
import ai.curate.mcap.records.Header;
import ai.curate.mcap.records.Message;
import ai.curate.mcap.records.Metadata;
import ai.curate.mcap.records.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a file from its first byte to its closing magic, record after record, delivering messages (loose or in
 * chunks) in file order: the way to read a file without a usable summary. The first fault (a cut-off record, a CRC
 * mismatch, a corrupt chunk, ...) ends the scan; everything before it has been delivered and the fault is reported
 * as {@link McapDamage}, never thrown. Only one chunk is held in memory at a time.
 */
final class LinearScan implements McapMessageIterator {
  private final StreamRecords in;
  private final McapReadOptions options;
  private final ArrayDeque<McapMessage> pending = new ArrayDeque<>();
  private final Map<Integer, Schema> schemas = new LinkedHashMap<>();
  private final Map<Integer, Channel> channels = new LinkedHashMap<>();
  private final List<Metadata> metadata = new ArrayList<>();
  private final List<AttachmentIndex> attachments = new ArrayList<>();
  private final Map<String, Long> chunkCompressions = new TreeMap<>();
  private final Map<Integer, Long> channelMessageCounts = new TreeMap<>();
  private Header header;
  private long chunkCount;
  private long messageCount;
  private long messageStartTime;
  private long messageEndTime;
  private long intactBytes;
  private boolean dataEnded;
  private boolean finished;
  private McapDamage damage;

  /** Opens the file and checks its opening magic (a file that is not MCAP at all is thrown, not reported). */
  LinearScan(Path path, McapReadOptions options) {
    this.options = options;
    try {
      this.in = new StreamRecords(path, options);
    } catch (IOException e) {
      throw new UncheckedIOException("opening " + path, e);
    }
    try {
      in.expectMagic("opening");
    } catch (McapFormatException e) {
      close();
      throw e;
    }
    intactBytes = in.position();
  }

  @Override
  public boolean hasNext() {
    while (pending.isEmpty() && !finished) {
      step();
    }
    return !pending.isEmpty();
  }

  @Override
  public McapMessage next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pending.poll();
  }

  @Override
  public Optional<McapDamage> damage() {
    return Optional.ofNullable(damage);
  }

  /** Reads the rest of the file, dropping the messages, and returns what was found. */
  McapScanResult drain() {
    while (hasNext()) {
      next();
    }
    return result();
  }

  /** What was found so far (the whole file once the iterator is exhausted). */
  McapScanResult result() {
    return new McapScanResult(header, Collections.unmodifiableMap(new LinkedHashMap<>(schemas)),
        Collections.unmodifiableMap(new LinkedHashMap<>(channels)), List.copyOf(metadata), List.copyOf(attachments),
        chunkCount, Collections.unmodifiableMap(new TreeMap<>(chunkCompressions)), messageCount,
        Collections.unmodifiableMap(new TreeMap<>(channelMessageCounts)), messageStartTime, messageEndTime,
        intactBytes, Optional.ofNullable(damage));
  }

  private void step() {
    try {
      long crcBefore = in.crc();
      RawRecord record = in.next();
      if (record == null) {
        throw new McapFormatException(Kind.TRUNCATED, in.position(), "the file ends at byte " + in.position()
            + (dataEnded
                ? " after its DataEnd record but before the footer"
                : " inside the data section (no DataEnd)"));
      }
      if (header == null && record.opcode() != Opcode.HEADER) {
        throw new McapFormatException(Kind.BAD_RECORD, record.offset(), "the first record is "
            + Opcode.name(record.opcode()) + ", not a Header");
      }
      handle(record, crcBefore);
      intactBytes = in.position();
    } catch (McapFormatException e) {
      damage = McapDamage.of(e);
      finished = true;
    }
  }

  private void handle(RawRecord record, long crcBefore) {
    if (record.opcode() == Opcode.FOOTER) {
      record.parse();
      intactBytes = in.position();
      in.expectMagic("closing");
      finished = true;
      return;
    }
    if (dataEnded) {
      // The summary section repeats what the data section said; the scan has it already.
      return;
    }
    Object parsed = record.parse();
    if (parsed instanceof Header h) {
      header = h;
    } else if (parsed instanceof Chunk chunk) {
      List<Object> inner = ChunkRecords.of(chunk, record.offset(), options);
      List<McapMessage> messages = new ArrayList<>();
      for (Object each : inner) {
        McapMessage message = accept(each, record.offset());
        if (message != null) {
          messages.add(message);
        }
      }
      // Counted only once the whole chunk is known good: a damaged chunk contributes nothing.
      chunkCount++;
      chunkCompressions.merge(chunk.compression(), 1L, Long::sum);
      messages.forEach(this::deliver);
    } else if (parsed instanceof Attachment a) {
      attachments.add(new AttachmentIndex(record.offset(), record.end() - record.offset(), a.logTime(),
          a.createTime(), a.data().length, a.name(), a.mediaType()));
    } else if (parsed instanceof Metadata m) {
      metadata.add(m);
    } else if (parsed instanceof DataEnd end) {
      dataEnded = true;
      if (end.dataSectionCrc() != 0 && end.dataSectionCrc() != crcBefore) {
        throw new McapFormatException(Kind.CRC_MISMATCH, record.offset(), "DataEnd: stored data section CRC "
            + Long.toHexString(end.dataSectionCrc()) + ", computed " + Long.toHexString(crcBefore));
      }
    } else {
      McapMessage message = accept(parsed, record.offset());
      if (message != null) {
        deliver(message);
      }
    }
  }

  /** Keeps a schema or channel; resolves a message to its channel (null for anything else). */
  private McapMessage accept(Object record, long offset) {
    if (record instanceof Schema s) {
      schemas.put(s.id(), s);
    } else if (record instanceof Channel c) {
      channels.put(c.id(), c);
    } else if (record instanceof Message m) {
      return MessageResolver.resolve(m, channels, schemas, offset);
    }
    return null;
  }

  private void deliver(McapMessage message) {
    long time = message.logTime();
    if (messageCount == 0 || Long.compareUnsigned(time, messageStartTime) < 0) {
      messageStartTime = time;
    }
    if (messageCount == 0 || Long.compareUnsigned(time, messageEndTime) > 0) {
      messageEndTime = time;
    }
    messageCount++;
    channelMessageCounts.merge(message.channel().id(), 1L, Long::sum);
    pending.add(message);
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
