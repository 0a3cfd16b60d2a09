package ai.curate.mcap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.mcap.SampleFile.Written;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file as a later writer might produce it, built byte by byte here: records whose bodies carry fields this reader
 * does not know (appended after the known ones), and records of opcodes it does not know, in the data section, inside
 * a chunk and in the summary. All must be skipped by their lengths, by index and by scan alike.
 */
class McapForwardCompatibilityTest {
  private static final byte[] EXTRA = {(byte) 0xEE, 0x01, 0x02, 0x03, 0x04};

  @TempDir
  Path dir;

  @Test
  void extraTrailingFieldsAndUnknownOpcodesAreSkipped() throws IOException {
    Path file = Files.write(dir.resolve("future.mcap"), futureFile(true));
    List<Written> expected = List.of(new Written("/a", 1, 100, 101, SampleFile.bytes("loose")),
        new Written("/b", 2, 200, 201, SampleFile.bytes("in chunk")),
        new Written("/a", 3, 150, 151, SampleFile.bytes("in chunk too")));
    try (McapReader reader = McapReader.open(file)) {
      assertThat(reader.header().profile()).isEqualTo("future");
      assertThat(reader.summary()).isPresent();
      assertThat(reader.summary().get().channels()).containsOnlyKeys(1, 2);
      assertThat(reader.summary().get().chunkIndexes()).hasSize(1);
      assertThat(reader.summary().get().statistics().orElseThrow().messageCount()).isEqualTo(3);
      // By index: only the chunk's messages (the loose one is outside every chunk).
      assertThat(SampleFile.read(reader, MessageOrder.FILE)).containsExactlyElementsOf(expected.subList(1, 3));
      assertThat(SampleFile.read(reader, MessageOrder.LOG_TIME)).containsExactly(expected.get(2), expected.get(1));
      McapScanResult scan = reader.scan();
      assertThat(scan.damage()).isEmpty();
      assertThat(scan.metadata()).hasSize(1);
      assertThat(scan.metadata().get(0).metadata()).isEqualTo(Map.of("k", "v"));
    }
    try (LinearScan scan = new LinearScan(file, McapReadOptions.defaults())) {
      assertThat(SampleFile.drain(scan)).containsExactlyElementsOf(expected);
      assertThat(scan.damage()).isEmpty();
    }
  }

  @Test
  void theSameFileWithoutSummaryIsScanned() throws IOException {
    Path file = Files.write(dir.resolve("future-no-summary.mcap"), futureFile(false));
    try (McapReader reader = McapReader.open(file)) {
      assertThat(reader.summary()).isEmpty();
      assertThat(reader.footer()).isPresent();
      try (McapMessageIterator messages = reader.messages(MessageOrder.FILE)) {
        assertThat(SampleFile.drain(messages)).extracting(Written::sequence).containsExactly(1L, 2L, 3L);
        assertThat(messages.damage()).isEmpty();
      }
    }
  }

  /** Magic, header, schema, channels, loose message, chunk, metadata, unknown records, DataEnd, summary, footer. */
  private static byte[] futureFile(boolean withSummary) {
    RecordBuffer file = new RecordBuffer();
    file.raw(Opcode.MAGIC, 0, 8);
    file.record(Opcode.HEADER, new RecordBuffer().string("future").string("hand-built").raw(EXTRA, 0, 5));
    RecordBuffer schema = new RecordBuffer().u16(1).string("pkg/A").string("ros2msg")
        .bytes32(SampleFile.bytes("int8 x"))
        .raw(EXTRA, 0, 5);
    file.record(Opcode.SCHEMA, schema);
    RecordBuffer channelA = new RecordBuffer().u16(1).u16(1).string("/a").string("cdr").stringMap(Map.of())
        .raw(EXTRA, 0, 5);
    file.record(Opcode.CHANNEL, channelA);
    file.record(0x80, new RecordBuffer().raw(EXTRA, 0, 5));
    file.record(Opcode.MESSAGE, message(1, 1, 100, "loose"));

    // A chunk that declares channel /b itself, and holds an unknown record between its messages.
    RecordBuffer channelB = new RecordBuffer().u16(2).u16(0).string("/b").string("json").stringMap(Map.of("q", "1"))
        .raw(EXTRA, 0, 5);
    RecordBuffer records = new RecordBuffer().record(Opcode.CHANNEL, channelB).record(Opcode.MESSAGE,
        message(2, 2, 200, "in chunk")).record(0xA0, new RecordBuffer().raw(EXTRA, 0, 5)).record(Opcode.MESSAGE,
            message(1, 3, 150, "in chunk too"));
    byte[] uncompressed = records.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(uncompressed);
    long chunkStart = file.size();
    file.record(Opcode.CHUNK, new RecordBuffer().u64(150).u64(200).u64(uncompressed.length).u32(crc.getValue())
        .string("").bytes64(uncompressed).raw(EXTRA, 0, 5));
    long chunkLength = file.size() - chunkStart;
    file.record(Opcode.METADATA, new RecordBuffer().string("m").stringMap(Map.of("k", "v")).raw(EXTRA, 0, 5));
    file.record(0xFE, new RecordBuffer());
    file.record(Opcode.DATA_END, new RecordBuffer().u32(0).raw(EXTRA, 0, 5));

    long summaryStart = 0;
    if (withSummary) {
      summaryStart = file.size();
      file.record(Opcode.SCHEMA, schema);
      file.record(Opcode.CHANNEL, channelA);
      file.record(Opcode.CHANNEL, channelB);
      file.record(0x99, new RecordBuffer().raw(EXTRA, 0, 5));
      file.record(Opcode.STATISTICS, new RecordBuffer().u64(3).u16(1).u32(2).u32(0).u32(1).u32(1).u64(100).u64(200)
          .u16u64Map(Map.of(1, 2L, 2, 1L)).raw(EXTRA, 0, 5));
      file.record(Opcode.CHUNK_INDEX, new RecordBuffer().u64(150).u64(200).u64(chunkStart).u64(chunkLength)
          .u16u64Map(Map.of()).u64(0).string("").u64(uncompressed.length).u64(uncompressed.length).raw(EXTRA, 0,
              5));
    }
    // summary_crc 0: not checked.
    file.record(Opcode.FOOTER, new RecordBuffer().u64(summaryStart).u64(0).u32(0));
    file.raw(Opcode.MAGIC, 0, 8);
    return file.toByteArray();
  }

  private static RecordBuffer message(int channel, long sequence, long logTime, String data) {
    byte[] bytes = SampleFile.bytes(data);
    return new RecordBuffer().u16(channel).u32(sequence).u64(logTime).u64(logTime + 1).raw(bytes, 0, bytes.length);
  }
}
