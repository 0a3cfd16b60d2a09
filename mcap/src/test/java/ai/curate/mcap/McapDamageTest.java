package ai.curate.mcap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.mcap.McapFormatException.Kind;
import ai.curate.mcap.McapWriterOptions.Compression;
import ai.curate.mcap.SampleFile.Written;
import ai.curate.mcap.records.ChunkIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files: each fault is an error of its stable kind at the right offset when reading by index, and the linear
 * scan delivers the intact prefix and names the damage.
 */
class McapDamageTest {
  private static final McapWriterOptions SMALL_CHUNKS = McapWriterOptions.defaults().withChunkSize(1024);

  @TempDir
  Path dir;

  @Test
  void aFileWithoutTheOpeningMagicIsBadMagic() throws IOException {
    Path good = dir.resolve("good.mcap");
    SampleFile.write(good, SMALL_CHUNKS, false);
    Path bad = Damage.flipped(good, 1, dir.resolve("bad.mcap"));
    assertFormatError(() -> McapReader.open(bad), Kind.BAD_MAGIC, 0);
    assertFormatError(() -> McapReader.scan(bad, McapReadOptions.defaults()), Kind.BAD_MAGIC, 0);
    Path text = Files.writeString(dir.resolve("text.mcap"), "not an mcap file at all");
    assertFormatError(() -> McapReader.open(text), Kind.BAD_MAGIC, 0);
    Path empty = Files.write(dir.resolve("empty.mcap"), new byte[0]);
    assertFormatError(() -> McapReader.open(empty), Kind.TRUNCATED, 0);
  }

  @Test
  void aBadClosingMagicLeavesTheSummaryUnusedAndTheScanNamesIt() throws IOException {
    Path good = dir.resolve("good.mcap");
    List<Written> written = SampleFile.write(good, SMALL_CHUNKS, false);
    long size = Files.size(good);
    Path bad = Damage.flipped(good, size - 2, dir.resolve("bad.mcap"));
    try (McapReader reader = McapReader.open(bad)) {
      assertThat(reader.summary()).isEmpty();
      try (McapMessageIterator messages = reader.messages(MessageOrder.FILE)) {
        assertThat(SampleFile.drain(messages)).containsExactlyElementsOf(written);
        assertThat(messages.damage()).get().extracting(McapDamage::kind, McapDamage::offset)
            .containsExactly(Kind.BAD_MAGIC, size - 8);
      }
    }
  }

  @Test
  void aFileCutInsideAChunkIsReadUpToThatChunk() throws IOException {
    Path good = dir.resolve("good.mcap");
    List<Written> written = SampleFile.write(good, SMALL_CHUNKS.withCompression(Compression.NONE), false);
    List<ChunkIndex> chunks = chunkIndexes(good);
    ChunkIndex fourth = chunks.get(3);
    int before = messagesInFirstChunks(good, 3);
    Path cut = Damage.truncated(good, fourth.chunkStartOffset() + 40, dir.resolve("cut.mcap"));
    try (McapReader reader = McapReader.open(cut)) {
      assertThat(reader.footer()).isEmpty();
      assertThat(reader.indexed()).isFalse();
      try (McapMessageIterator messages = reader.messages(MessageOrder.LOG_TIME)) {
        assertThat(SampleFile.drain(messages)).containsExactlyElementsOf(written.subList(0, before));
        McapDamage damage = messages.damage().orElseThrow();
        assertThat(damage.code()).isEqualTo("truncated");
        assertThat(damage.offset()).isEqualTo(fourth.chunkStartOffset());
        assertThat(damage.detail()).contains("Chunk");
      }
    }
    McapInfo info = McapInfo.of(cut);
    assertThat(info.fromSummary()).isFalse();
    assertThat(info.messageCount()).isEqualTo(before);
    assertThat(info.chunkCount()).isEqualTo(3);
    assertThat(info.damage()).get().extracting(McapDamage::kind).isEqualTo(Kind.TRUNCATED);
  }

  @Test
  void everyCutOfAFileWithoutSummaryScansToAPrefixAndNamesWhereItEnds() throws IOException {
    for (McapWriterOptions options : List.of(SMALL_CHUNKS.withSummary(false), SMALL_CHUNKS.withSummary(false)
        .withChunked(false), SMALL_CHUNKS.withCompression(Compression.LZ4))) {
      Path good = dir.resolve("good.mcap");
      List<Written> written = SampleFile.write(good, options, true);
      long size = Files.size(good);
      for (long length = 8; length < size; length += 97) {
        Path cut = Damage.truncated(good, length, dir.resolve("cut.mcap"));
        try (LinearScan scan = new LinearScan(cut, McapReadOptions.defaults())) {
          List<Written> read = SampleFile.drain(scan);
          McapScanResult result = scan.result();
          assertThat(read).isEqualTo(written.subList(0, read.size()));
          McapDamage damage = result.damage().orElseThrow();
          assertThat(damage.kind()).as("cut at %d", length).isEqualTo(Kind.TRUNCATED);
          assertThat(damage.offset()).isEqualTo(result.intactBytes()).isLessThanOrEqualTo(length);
          assertThat(result.messageCount()).isEqualTo(read.size());
        }
      }
    }
  }

  @Test
  void aChunkWhoseRecordsDoNotMatchTheirCrcIsACrcMismatch() throws IOException {
    Path good = dir.resolve("good.mcap");
    List<Written> written = SampleFile.write(good, SMALL_CHUNKS.withCompression(Compression.NONE), false);
    ChunkIndex third = chunkIndexes(good).get(2);
    // The chunk's last bytes are the data of its last message: the structure stays valid, only the CRC tells.
    Path bad = Damage.flipped(good, third.chunkStartOffset() + third.chunkLength() - 3, dir.resolve("bad.mcap"));
    try (McapReader reader = McapReader.open(bad)) {
      assertFormatError(() -> SampleFile.read(reader, MessageOrder.FILE), Kind.CRC_MISMATCH,
          third.chunkStartOffset());
      McapScanResult scan = reader.scan();
      assertThat(scan.messageCount()).isEqualTo(messagesInFirstChunks(good, 2));
      assertThat(scan.damage()).get().extracting(McapDamage::kind, McapDamage::offset)
          .containsExactly(Kind.CRC_MISMATCH, third.chunkStartOffset());
      assertThat(written).hasSize(SampleFile.MESSAGES);
    }
  }

  @Test
  void aChunkWithAnUnknownCompressionIsNamedAsSuch() throws IOException {
    Path good = dir.resolve("good.mcap");
    SampleFile.write(good, SMALL_CHUNKS.withCompression(Compression.ZSTD), false);
    ChunkIndex second = chunkIndexes(good).get(1);
    // Chunk body: start, end, uncompressed size (u64 each), crc (u32), then the compression string's length (u32).
    long compressionName = second.chunkStartOffset() + 9 + 8 + 8 + 8 + 4 + 4;
    Path bad = Damage.patched(good, compressionName, "brot".getBytes(StandardCharsets.UTF_8), dir.resolve("bad.mcap"));
    try (McapReader reader = McapReader.open(bad)) {
      McapFormatException e = assertFormatError(() -> SampleFile.read(reader, MessageOrder.FILE),
          Kind.UNKNOWN_COMPRESSION, second.chunkStartOffset());
      assertThat(e.getMessage()).contains("'brot'").contains("byte " + second.chunkStartOffset());
    }
  }

  @Test
  void aChunkThatDecompressesToOtherThanItsDeclaredSizeIsADecompressionFailure() throws IOException {
    for (Compression compression : List.of(Compression.ZSTD, Compression.LZ4)) {
      Path good = dir.resolve("good.mcap");
      SampleFile.write(good, SMALL_CHUNKS.withCompression(compression), false);
      ChunkIndex second = chunkIndexes(good).get(1);
      // Chunk body: message start and end times, then the uncompressed size.
      long declaredSize = second.chunkStartOffset() + 9 + 8 + 8;
      for (long wrong : new long[] {second.uncompressedSize() + 10, second.uncompressedSize() - 10}) {
        Path bad = Damage.patched(good, declaredSize, Damage.u64(wrong), dir.resolve("bad.mcap"));
        try (McapReader reader = McapReader.open(bad)) {
          McapFormatException e = assertFormatError(() -> SampleFile.read(reader, MessageOrder.FILE),
              Kind.DECOMPRESSION_FAILED, second.chunkStartOffset());
          assertThat(e.getMessage()).as(compression + " declared " + wrong).contains(compression.recordName());
        }
      }
    }
  }

  @Test
  void aRecordLengthBeyondTheCapIsRefusedNotAllocated() throws IOException {
    Path good = dir.resolve("good.mcap");
    SampleFile.write(good, SMALL_CHUNKS, false);
    ChunkIndex second = chunkIndexes(good).get(1);
    Path bad = Damage.patched(good, second.chunkStartOffset() + 1, Damage.u64(1L << 40), dir.resolve("bad.mcap"));
    try (McapReader reader = McapReader.open(bad)) {
      assertFormatError(() -> SampleFile.read(reader, MessageOrder.FILE), Kind.RECORD_TOO_LARGE,
          second.chunkStartOffset());
      assertThat(reader.scan().damage()).get().extracting(McapDamage::kind, McapDamage::offset)
          .containsExactly(Kind.RECORD_TOO_LARGE, second.chunkStartOffset());
    }
    // Within the cap but past the end of the file: the file is cut short, not oversized.
    Path past = Damage.patched(good, second.chunkStartOffset() + 1, Damage.u64(1L << 20), dir.resolve("past.mcap"));
    try (McapReader reader = McapReader.open(past)) {
      assertFormatError(() -> SampleFile.read(reader, MessageOrder.FILE), Kind.TRUNCATED, second.chunkStartOffset());
    }
    // The cap is the caller's: an intact file with chunks above it is refused too.
    Path big = dir.resolve("big.mcap");
    SampleFile.write(big, SMALL_CHUNKS.withChunkSize(4096).withCompression(Compression.NONE), false);
    try (McapReader reader = McapReader.open(big, new McapReadOptions(3000))) {
      assertFormatError(() -> SampleFile.read(reader, MessageOrder.FILE), Kind.RECORD_TOO_LARGE,
          reader.summary().orElseThrow().chunkIndexes().get(0).chunkStartOffset());
    }
  }

  @Test
  void aCorruptSummaryIsACrcMismatchAtTheFooter() throws IOException {
    Path good = dir.resolve("good.mcap");
    SampleFile.write(good, SMALL_CHUNKS, false);
    long summaryStart;
    try (McapReader reader = McapReader.open(good)) {
      summaryStart = reader.footer().orElseThrow().summaryStart();
    }
    long footerOffset = Files.size(good) - 8 - 29;
    // Inside the first summary record's body (a Schema's name): still parseable, so only the CRC can tell.
    Path bad = Damage.flipped(good, summaryStart + 9 + 2 + 4 + 1, dir.resolve("bad.mcap"));
    McapFormatException e = assertFormatError(() -> McapReader.open(bad), Kind.CRC_MISMATCH, footerOffset);
    assertThat(e.getMessage()).contains("summary");
  }

  @Test
  void aDataSectionThatDoesNotMatchDataEndsCrcIsReportedByTheScan() throws IOException {
    Path good = dir.resolve("good.mcap");
    List<Written> written = SampleFile.write(good, SMALL_CHUNKS.withChunked(false).withSummary(false), false);
    // A schema's text: the records stay well-formed, only the data section CRC can tell.
    Path bad = Damage.flipped(good, Damage.find(good, "\"title\""), dir.resolve("bad.mcap"));
    try (McapReader reader = McapReader.open(bad); McapMessageIterator messages = reader.messages(MessageOrder.FILE)) {
      assertThat(SampleFile.drain(messages)).containsExactlyElementsOf(written);
      McapDamage damage = messages.damage().orElseThrow();
      assertThat(damage.kind()).isEqualTo(Kind.CRC_MISMATCH);
      assertThat(damage.detail()).contains("DataEnd");
    }
  }

  @Test
  void anAttachmentWhoseDataDoesNotMatchItsCrcIsACrcMismatch() throws IOException {
    Path good = dir.resolve("good.mcap");
    SampleFile.write(good, SMALL_CHUNKS, true);
    Path bad = Damage.flipped(good, Damage.find(good, "fx: 600"), dir.resolve("bad.mcap"));
    try (McapReader reader = McapReader.open(bad)) {
      var index = reader.summary().orElseThrow().attachmentIndexes().get(0);
      assertFormatError(() -> reader.attachment(index), Kind.CRC_MISMATCH, index.offset());
      assertThat(reader.scan().damage()).get().extracting(McapDamage::kind, McapDamage::offset)
          .containsExactly(Kind.CRC_MISMATCH, index.offset());
    }
  }

  private static List<ChunkIndex> chunkIndexes(Path file) {
    try (McapReader reader = McapReader.open(file)) {
      List<ChunkIndex> chunks = reader.summary().orElseThrow().chunkIndexes();
      assertThat(chunks).hasSizeGreaterThan(4);
      return chunks;
    }
  }

  /** How many messages the first {@code n} chunks of an intact file hold, read one split per chunk. */
  private static int messagesInFirstChunks(Path file, int n) {
    try (McapReader reader = McapReader.open(file)) {
      int count = 0;
      for (McapSplit split : reader.splits(1).subList(0, n)) {
        try (McapMessageIterator messages = reader.messages(split, MessageOrder.FILE)) {
          count += SampleFile.drain(messages).size();
        }
      }
      return count;
    }
  }

  private static McapFormatException assertFormatError(ThrowingCallable call, Kind kind, long offset) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
    assertThat(thrown).isInstanceOf(McapFormatException.class);
    McapFormatException e = (McapFormatException) thrown;
    assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
    assertThat(e.offset()).as(e.getMessage()).isEqualTo(offset);
    assertThat(e.getMessage()).startsWith(kind.code() + " at byte " + offset + ": ");
    return e;
  }
}
