package ai.curate.mcap;

import ai.curate.mcap.records.AttachmentIndex;
import ai.curate.mcap.records.ChunkIndex;
import ai.curate.mcap.records.MetadataIndex;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Writes an MCAP file front to back (no seeking): magic, header, then schemas, channels, messages (in chunks with
 * their message indexes, or loose), attachments and metadata as they are added; on {@link #close()} the last chunk,
 * DataEnd with the data section's CRC, the summary (schemas, channels, statistics, chunk, attachment and metadata
 * indexes, summary offsets), the footer with the summary's CRC, and the closing magic.
 *
 * <p>Schemas and channels are written outside chunks, as soon as they are added: they then precede every message
 * that uses them (those wait in the open chunk), and a linear scan of a file with one bad chunk still knows every
 * channel after it.
 *
 * <pre>{@code
 * try (McapWriter writer = McapWriter.create(path, McapWriterOptions.defaults().withProfile("ros2"))) {
 *   int schema = writer.addSchema("std_msgs/msg/String", "ros2msg", definition);
 *   int channel = writer.addChannel(schema, "/chatter", "cdr", Map.of());
 *   writer.addMessage(channel, 0, logTimeNs, publishTimeNs, cdrBytes);
 * }
 * }</pre>
 */
public final class McapWriter implements Closeable {
  private final OutputStream out;
  private final McapWriterOptions options;
  private final CRC32 dataCrc = new CRC32();
  private final RecordBuffer scratch = new RecordBuffer();
  private final Map<Integer, RecordBuffer> schemaRecords = new LinkedHashMap<>();
  private final Map<Integer, RecordBuffer> channelRecords = new LinkedHashMap<>();
  private final List<ChunkIndex> chunkIndexes = new ArrayList<>();
  private final List<AttachmentIndex> attachmentIndexes = new ArrayList<>();
  private final List<MetadataIndex> metadataIndexes = new ArrayList<>();
  private final Map<Integer, Long> channelMessageCounts = new TreeMap<>();
  private final OpenChunk chunk = new OpenChunk();
  private long position;
  private long messageCount;
  private long messageStartTime;
  private long messageEndTime;
  private boolean closed;

  /** Creates (or replaces) the file at {@code path}. */
  public static McapWriter create(Path path, McapWriterOptions options) throws IOException {
    return new McapWriter(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16), options);
  }

  /** Writes to {@code out}, which {@link #close()} closes. */
  public McapWriter(OutputStream out, McapWriterOptions options) throws IOException {
    this.out = out;
    this.options = options;
    writeData(Opcode.MAGIC, Opcode.MAGIC.length);
    RecordBuffer header = new RecordBuffer().string(options.profile()).string(options.library());
    writeData(Opcode.HEADER, header);
  }

  /** Adds a schema and returns its id (from 1; 0 means "no schema" in a channel). */
  public int addSchema(String name, String encoding, byte[] data) throws IOException {
    int id = schemaRecords.size() + 1;
    RecordBuffer body = new RecordBuffer().u16(id).string(name).string(encoding).bytes32(data);
    schemaRecords.put(id, body);
    writeData(Opcode.SCHEMA, body);
    return id;
  }

  /** Adds a channel on {@code schemaId} (0 for none) and returns its id (from 1). */
  public int addChannel(int schemaId, String topic, String messageEncoding, Map<String, String> metadata)
      throws IOException {
    if (schemaId != 0 && !schemaRecords.containsKey(schemaId)) {
      throw new IllegalArgumentException("unknown schema id " + schemaId);
    }
    int id = channelRecords.size() + 1;
    RecordBuffer body = new RecordBuffer().u16(id).u16(schemaId).string(topic).string(messageEncoding)
        .stringMap(metadata);
    channelRecords.put(id, body);
    writeData(Opcode.CHANNEL, body);
    return id;
  }

  /** Adds a message of {@code channelId}, times in nanoseconds. */
  public void addMessage(int channelId, long sequence, long logTime, long publishTime, byte[] data)
      throws IOException {
    if (!channelRecords.containsKey(channelId)) {
      throw new IllegalArgumentException("unknown channel id " + channelId);
    }
    RecordBuffer body = new RecordBuffer().u16(channelId).u32(sequence).u64(logTime).u64(publishTime);
    body.raw(data, 0, data.length);
    if (messageCount == 0 || Long.compareUnsigned(logTime, messageStartTime) < 0) {
      messageStartTime = logTime;
    }
    if (messageCount == 0 || Long.compareUnsigned(logTime, messageEndTime) > 0) {
      messageEndTime = logTime;
    }
    messageCount++;
    channelMessageCounts.merge(channelId, 1L, Long::sum);
    if (!options.chunked()) {
      writeData(Opcode.MESSAGE, body);
      return;
    }
    chunk.add(channelId, logTime, body);
    if (chunk.records.size() >= options.chunkSize()) {
      flushChunk();
    }
  }

  /** Adds an attachment (a file stored in the recording). */
  public void addAttachment(String name, String mediaType, long logTime, long createTime, byte[] data)
      throws IOException {
    RecordBuffer body = new RecordBuffer().u64(logTime).u64(createTime).string(name).string(mediaType).bytes64(data);
    CRC32 crc = new CRC32();
    crc.update(body.toByteArray());
    body.u32(crc.getValue());
    attachmentIndexes.add(new AttachmentIndex(position, Opcode.RECORD_PREFIX + body.size(), logTime, createTime,
        data.length, name, mediaType));
    writeData(Opcode.ATTACHMENT, body);
  }

  /** Adds a named set of key-value pairs. */
  public void addMetadata(String name, Map<String, String> metadata) throws IOException {
    RecordBuffer body = new RecordBuffer().string(name).stringMap(metadata);
    metadataIndexes.add(new MetadataIndex(position, Opcode.RECORD_PREFIX + body.size(), name));
    writeData(Opcode.METADATA, body);
  }

  /** Finishes the file (last chunk, DataEnd, summary, footer, magic) and closes the stream. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (out) {
      flushChunk();
      writeData(Opcode.DATA_END, new RecordBuffer().u32(dataCrc.getValue()));
      long summaryStart = 0;
      long summaryOffsetStart = 0;
      long summaryCrc = 0;
      CRC32 crc = new CRC32();
      if (options.summary()) {
        summaryStart = position;
        List<long[]> groups = new ArrayList<>();
        group(groups, crc, Opcode.SCHEMA, new ArrayList<>(schemaRecords.values()));
        group(groups, crc, Opcode.CHANNEL, new ArrayList<>(channelRecords.values()));
        group(groups, crc, Opcode.STATISTICS, List.of(statistics()));
        group(groups, crc, Opcode.CHUNK_INDEX, chunkIndexes.stream().map(McapWriter::chunkIndex).toList());
        group(groups, crc, Opcode.ATTACHMENT_INDEX, attachmentIndexes.stream().map(McapWriter::attachmentIndex)
            .toList());
        group(groups, crc, Opcode.METADATA_INDEX, metadataIndexes.stream().map(McapWriter::metadataIndex).toList());
        summaryOffsetStart = position;
        for (long[] group : groups) {
          writeSummary(Opcode.SUMMARY_OFFSET, new RecordBuffer().u8((int) group[0]).u64(group[1]).u64(group[2]), crc);
        }
      }
      RecordBuffer footerPrefix = new RecordBuffer().u8(Opcode.FOOTER).u64(Opcode.FOOTER_RECORD - Opcode.RECORD_PREFIX)
          .u64(summaryStart).u64(summaryOffsetStart);
      if (options.summary()) {
        crc.update(footerPrefix.toByteArray());
        summaryCrc = crc.getValue();
      }
      footerPrefix.u32(summaryCrc);
      write(footerPrefix.toByteArray(), footerPrefix.size());
      write(Opcode.MAGIC, Opcode.MAGIC.length);
    }
  }

  private RecordBuffer statistics() {
    return new RecordBuffer().u64(messageCount).u16(schemaRecords.size()).u32(channelRecords.size())
        .u32(attachmentIndexes.size()).u32(metadataIndexes.size()).u32(chunkIndexes.size()).u64(messageStartTime)
        .u64(messageEndTime).u16u64Map(channelMessageCounts);
  }

  private static RecordBuffer chunkIndex(ChunkIndex c) {
    return new RecordBuffer().u64(c.messageStartTime()).u64(c.messageEndTime()).u64(c.chunkStartOffset())
        .u64(c.chunkLength()).u16u64Map(new TreeMap<>(c.messageIndexOffsets())).u64(c.messageIndexLength())
        .string(c.compression()).u64(c.compressedSize()).u64(c.uncompressedSize());
  }

  private static RecordBuffer attachmentIndex(AttachmentIndex a) {
    return new RecordBuffer().u64(a.offset()).u64(a.length()).u64(a.logTime()).u64(a.createTime()).u64(a.dataSize())
        .string(a.name()).string(a.mediaType());
  }

  private static RecordBuffer metadataIndex(MetadataIndex m) {
    return new RecordBuffer().u64(m.offset()).u64(m.length()).string(m.name());
  }

  /** Writes one group of summary records, remembering (opcode, start, length) for its SummaryOffset. */
  private void group(List<long[]> groups, CRC32 crc, int opcode, List<RecordBuffer> bodies) throws IOException {
    if (bodies.isEmpty()) {
      return;
    }
    long start = position;
    for (RecordBuffer body : bodies) {
      writeSummary(opcode, body, crc);
    }
    groups.add(new long[] {opcode, start, position - start});
  }

  private void writeSummary(int opcode, RecordBuffer body, CRC32 crc) throws IOException {
    scratch.reset();
    scratch.record(opcode, body);
    byte[] bytes = scratch.toByteArray();
    crc.update(bytes);
    write(bytes, bytes.length);
  }

  /** Closes the open chunk: the Chunk record, then one MessageIndex per channel, and its ChunkIndex. */
  private void flushChunk() throws IOException {
    if (chunk.isEmpty()) {
      return;
    }
    byte[] records = chunk.records.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(records);
    byte[] compressed = ChunkCompressor.compress(options.compression(), records);
    RecordBuffer body = new RecordBuffer().u64(chunk.startTime).u64(chunk.endTime).u64(records.length)
        .u32(crc.getValue()).string(options.compression().recordName()).bytes64(compressed);
    long chunkStart = position;
    writeData(Opcode.CHUNK, body);
    long chunkLength = position - chunkStart;
    Map<Integer, Long> indexOffsets = new TreeMap<>();
    long indexStart = position;
    for (Map.Entry<Integer, List<long[]>> entry : new TreeMap<>(chunk.indexes).entrySet()) {
      List<long[]> entries = new ArrayList<>(entry.getValue());
      // Stable sort: readers may binary-search an index by time.
      entries.sort(Comparator.comparing((long[] e) -> e[0], Long::compareUnsigned));
      RecordBuffer tuples = new RecordBuffer();
      entries.forEach(e -> tuples.u64(e[0]).u64(e[1]));
      indexOffsets.put(entry.getKey(), position);
      writeData(Opcode.MESSAGE_INDEX, new RecordBuffer().u16(entry.getKey()).bytes32(tuples.toByteArray()));
    }
    chunkIndexes.add(new ChunkIndex(chunk.startTime, chunk.endTime, chunkStart, chunkLength, indexOffsets,
        position - indexStart, options.compression().recordName(), compressed.length, records.length));
    chunk.clear();
  }

  private void writeData(int opcode, RecordBuffer body) throws IOException {
    scratch.reset();
    scratch.record(opcode, body);
    byte[] bytes = scratch.toByteArray();
    writeData(bytes, bytes.length);
  }

  private void writeData(byte[] bytes, int length) throws IOException {
    dataCrc.update(bytes, 0, length);
    write(bytes, length);
  }

  private void write(byte[] bytes, int length) throws IOException {
    out.write(bytes, 0, length);
    position += length;
  }

  /** The chunk being filled: its uncompressed records, time range and per-channel (log time, offset) index. */
  private static final class OpenChunk {
    final RecordBuffer records = new RecordBuffer();
    final Map<Integer, List<long[]>> indexes = new LinkedHashMap<>();
    long startTime;
    long endTime;
    int messages;

    void add(int channelId, long logTime, RecordBuffer body) {
      if (messages == 0 || Long.compareUnsigned(logTime, startTime) < 0) {
        startTime = logTime;
      }
      if (messages == 0 || Long.compareUnsigned(logTime, endTime) > 0) {
        endTime = logTime;
      }
      indexes.computeIfAbsent(channelId, id -> new ArrayList<>()).add(new long[] {logTime, records.size()});
      records.record(Opcode.MESSAGE, body);
      messages++;
    }

    boolean isEmpty() {
      return messages == 0;
    }

    void clear() {
      records.reset();
      indexes.clear();
      messages = 0;
    }
  }
}
