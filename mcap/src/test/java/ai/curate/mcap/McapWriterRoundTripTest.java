package ai.curate.mcap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.mcap.McapWriterOptions.Compression;
import ai.curate.mcap.SampleFile.Written;
import ai.curate.mcap.records.Attachment;
import ai.curate.mcap.records.AttachmentIndex;
import ai.curate.mcap.records.Metadata;
import ai.curate.mcap.records.MetadataIndex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Files written by {@link McapWriter} read back, through the summary and by linear scan, exactly as written. */
class McapWriterRoundTripTest {
  @TempDir
  Path dir;

  static Stream<Arguments> layouts() {
    McapWriterOptions base = McapWriterOptions.defaults().withProfile("test").withChunkSize(1024);
    return Stream.of(Arguments.of("unchunked", base.withChunked(false)),
        Arguments.of("chunked, uncompressed", base.withCompression(Compression.NONE)),
        Arguments.of("chunked, zstd", base.withCompression(Compression.ZSTD)),
        Arguments.of("chunked, lz4", base.withCompression(Compression.LZ4)),
        Arguments.of("one big zstd chunk", base.withChunkSize(1 << 20)),
        Arguments.of("chunked, no summary", base.withSummary(false)),
        Arguments.of("unchunked, no summary", base.withChunked(false).withSummary(false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void readsBackEveryMessageInFileAndLogTimeOrder(String name, McapWriterOptions options) throws IOException {
    Path file = dir.resolve("sample.mcap");
    List<Written> written = SampleFile.write(file, options, false);
    try (McapReader reader = McapReader.open(file)) {
      assertThat(reader.header().profile()).isEqualTo("test");
      assertThat(reader.header().library()).isEqualTo("curate-mcap");
      assertThat(reader.summary().isPresent()).isEqualTo(options.summary());
      assertThat(reader.indexed()).isEqualTo(options.summary() && options.chunked());
      assertThat(SampleFile.read(reader, MessageOrder.FILE)).containsExactlyElementsOf(written);
      if (reader.indexed()) {
        assertThat(SampleFile.read(reader, MessageOrder.LOG_TIME))
            .containsExactlyElementsOf(SampleFile.inLogTimeOrder(written));
      }
      McapScanResult scan = reader.scan();
      assertThat(scan.damage()).isEmpty();
      assertThat(scan.messageCount()).isEqualTo(SampleFile.MESSAGES);
      assertThat(scan.chunkCount() > 1).isEqualTo(options.chunked() && options.chunkSize() < 4096);
      assertThat(scan.intactBytes()).isEqualTo(file.toFile().length());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void infoIsTheSameFromSummaryAndFromScan(String name, McapWriterOptions options) throws IOException {
    Path file = dir.resolve("sample.mcap");
    SampleFile.write(file, options, true);
    McapInfo info = McapInfo.of(file);
    assertThat(info.fromSummary()).isEqualTo(options.summary());
    assertThat(info.profile()).isEqualTo("test");
    assertThat(info.messageCount()).isEqualTo(SampleFile.MESSAGES);
    assertThat(info.startTime()).isEqualTo(SampleFile.BASE_TIME - 3_000);
    assertThat(info.endTime()).isEqualTo(SampleFile.BASE_TIME + (SampleFile.MESSAGES - 1) * 1_000_000L);
    assertThat(info.channels()).containsExactly(
        new McapInfo.ChannelInfo(1, "/pose", "json", "demo/Pose", "jsonschema", 80),
        new McapInfo.ChannelInfo(2, "/joints", "json", "demo/Joint", "jsonschema", 80),
        new McapInfo.ChannelInfo(3, "/log", "text", "", "", 80));
    assertThat(info.attachmentNames()).containsExactly("calibration.yaml", "empty.bin");
    assertThat(info.metadataNames()).containsExactly("session", "labels");
    assertThat(info.damage()).isEmpty();
    if (options.chunked()) {
      assertThat(info.chunkCompressions()).containsOnlyKeys(options.compression().recordName());
      assertThat(info.chunkCompressions().values().stream().mapToLong(Long::longValue).sum())
          .isEqualTo(info.chunkCount());
      assertThat(info.chunkCount() > 1).isEqualTo(options.chunkSize() < 4096);
    } else {
      assertThat(info.chunkCount()).isZero();
    }
    McapScanResult scan = McapReader.scan(file, McapReadOptions.defaults());
    assertThat(scan.chunkCount()).isEqualTo(info.chunkCount());
    assertThat(scan.channelMessageCounts()).isEqualTo(Map.of(1, 80L, 2, 80L, 3, 80L));
  }

  @Test
  void attachmentsAndMetadataReadBackThroughTheSummaryIndexes() throws IOException {
    Path file = dir.resolve("extras.mcap");
    SampleFile.write(file, McapWriterOptions.defaults().withCompression(Compression.LZ4), true);
    try (McapReader reader = McapReader.open(file)) {
      McapSummary summary = reader.summary().orElseThrow();
      List<Attachment> attachments = summary.attachmentIndexes().stream().map(reader::attachment).toList();
      assertThat(attachments).extracting(Attachment::name, Attachment::mediaType)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("calibration.yaml", "application/yaml"),
              org.assertj.core.groups.Tuple.tuple("empty.bin", "application/octet-stream"));
      assertThat(new String(attachments.get(0).data(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("fx: 600\n");
      assertThat(attachments.get(1).data()).isEmpty();
      assertThat(attachments.get(1).logTime()).isEqualTo(5);
      assertThat(attachments.get(1).createTime()).isEqualTo(6);
      assertThat(summary.attachmentIndexes()).extracting(AttachmentIndex::dataSize).containsExactly(8L, 0L);
      List<Metadata> metadata = summary.metadataIndexes().stream().map(reader::metadata).toList();
      assertThat(metadata).containsExactly(new Metadata("session", Map.of("robot", "neo-7")),
          new Metadata("labels", Map.of("task", "pick")));
      assertThat(summary.metadataIndexes()).extracting(MetadataIndex::name).containsExactly("session", "labels");
      assertThat(summary.statistics().orElseThrow().attachmentCount()).isEqualTo(2);
      assertThat(summary.statistics().orElseThrow().metadataCount()).isEqualTo(2);
      // The scan finds the same records at the offsets the summary gives.
      assertThat(reader.scan().attachments()).isEqualTo(summary.attachmentIndexes());
      assertThat(reader.scan().metadata()).isEqualTo(metadata);
    }
  }

  @Test
  void splitsCoverEveryMessageExactlyOnceAndTravelSerialized() throws Exception {
    Path file = dir.resolve("split.mcap");
    List<Written> written = SampleFile.write(file, McapWriterOptions.defaults().withChunkSize(700), false);
    long chunks;
    try (McapReader reader = McapReader.open(file)) {
      chunks = reader.summary().orElseThrow().chunkIndexes().size();
      assertThat(chunks).isGreaterThan(10);
      for (long target : new long[] {1, 2000, 5000, Long.MAX_VALUE}) {
        List<McapSplit> splits = reader.splits(target);
        assertThat(splits.stream().mapToLong(s -> s.chunks().size()).sum()).isEqualTo(chunks);
        if (target == 1) {
          assertThat(splits).hasSize((int) chunks);
        }
        if (target == Long.MAX_VALUE) {
          assertThat(splits).hasSize(1);
        }
        List<Written> all = new ArrayList<>();
        for (McapSplit split : splits) {
          // A split is read by a reader of its own, as another JVM would, after a trip through serialization.
          McapSplit shipped = deserialize(serialize(split));
          assertThat(shipped).isEqualTo(split);
          try (McapReader other = McapReader.open(file);
              McapMessageIterator messages = other.messages(shipped, MessageOrder.FILE)) {
            all.addAll(SampleFile.drain(messages));
          }
        }
        assertThat(all).containsExactlyElementsOf(written);
      }
    }
  }

  @Test
  void aChannelFilterDeliversExactlyThatChannelsMessagesInFileOrder() throws Exception {
    Path file = dir.resolve("filter.mcap");
    List<Written> written = SampleFile.write(file, McapWriterOptions.defaults().withChunkSize(700), false);
    try (McapReader reader = McapReader.open(file)) {
      Map<Integer, String> topics = new java.util.TreeMap<>();
      reader.summary().orElseThrow().channels().forEach((id, c) -> topics.put(id, c.topic()));
      assertThat(topics).hasSizeGreaterThan(1);
      for (Map.Entry<Integer, String> channel : topics.entrySet()) {
        List<Written> got = new ArrayList<>();
        for (McapSplit split : reader.splits(2000)) {
          try (McapMessageIterator messages = reader.messages(split, MessageOrder.FILE,
              id -> id == channel.getKey())) {
            got.addAll(SampleFile.drain(messages));
          }
        }
        assertThat(got).as("messages of %s", channel.getValue()).isNotEmpty()
            .containsExactlyElementsOf(written.stream().filter(w -> w.topic().equals(channel.getValue())).toList());
      }
      List<Written> none = new ArrayList<>();
      for (McapSplit split : reader.splits(2000)) {
        try (McapMessageIterator messages = reader.messages(split, MessageOrder.FILE, id -> false)) {
          none.addAll(SampleFile.drain(messages));
        }
      }
      assertThat(none).isEmpty();
    }
  }

  @Test
  void chunksWhoseTimeRangesOverlapAreMergedByLogTime() throws IOException {
    Path file = dir.resolve("overlap.mcap");
    List<Written> written = new ArrayList<>();
    try (McapWriter writer = McapWriter.create(file, McapWriterOptions.defaults().withChunkSize(300))) {
      int a = writer.addChannel(0, "/a", "raw", Map.of());
      int b = writer.addChannel(0, "/b", "raw", Map.of());
      // All of /a, then all of /b over the same time span: every /b chunk overlaps several /a chunks.
      for (int[] channel : new int[][] {{a, 0}, {b, 5}}) {
        for (int i = 0; i < 100; i++) {
          long time = i * 10L + channel[1];
          byte[] data = SampleFile.bytes("m" + channel[0] + "-" + i);
          writer.addMessage(channel[0], i, time, time, data);
          written.add(new Written(channel[0] == a ? "/a" : "/b", i, time, time, data));
        }
      }
    }
    try (McapReader reader = McapReader.open(file)) {
      assertThat(reader.summary().orElseThrow().chunkIndexes()).hasSizeGreaterThan(10);
      assertThat(SampleFile.read(reader, MessageOrder.FILE)).containsExactlyElementsOf(written);
      assertThat(SampleFile.read(reader, MessageOrder.LOG_TIME))
          .containsExactlyElementsOf(SampleFile.inLogTimeOrder(written));
    }
  }

  @Test
  void aFileWithoutChunkIndexesIsOneWholeFileSplit() throws IOException {
    Path file = dir.resolve("loose.mcap");
    List<Written> written = SampleFile.write(file, McapWriterOptions.defaults().withChunked(false), false);
    try (McapReader reader = McapReader.open(file)) {
      List<McapSplit> splits = reader.splits(1);
      assertThat(splits).containsExactly(new McapSplit(0, List.of(), true));
      try (McapMessageIterator messages = reader.messages(splits.get(0), MessageOrder.FILE)) {
        assertThat(SampleFile.drain(messages)).containsExactlyElementsOf(written);
        assertThat(messages.damage()).isEmpty();
      }
    }
  }

  private static byte[] serialize(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  private static McapSplit deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (McapSplit) in.readObject();
    }
  }
}
