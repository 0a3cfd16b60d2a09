package ai.curate.mcap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes a small deterministic recording with {@link McapWriter} and remembers what it wrote, so that tests compare
 * what is read back with what went in: 3 channels (one without schema), {@value #MESSAGES} messages whose log times
 * are not monotonic, and, optionally, two attachments and two metadata records.
 */
final class SampleFile {
  static final int MESSAGES = 240;
  static final long BASE_TIME = 1_700_000_000_000_000_000L;

  /** One message as written: its topic, sequence, times and bytes. */
  record Written(String topic, long sequence, long logTime, long publishTime, byte[] data) {
    static Written of(McapMessage m) {
      return new Written(m.topic(), m.message().sequence(), m.logTime(), m.message().publishTime(), m.data());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Written w && topic.equals(w.topic) && sequence == w.sequence && logTime == w.logTime
          && publishTime == w.publishTime && Arrays.equals(data, w.data);
    }

    @Override
    public int hashCode() {
      return topic.hashCode() * 31 + Long.hashCode(sequence);
    }

    @Override
    public String toString() {
      return topic + "#" + sequence + "@" + logTime;
    }
  }

  private SampleFile() {}

  /** Writes the sample to {@code path} and returns its messages in the order written. */
  static List<Written> write(Path path, McapWriterOptions options, boolean extras) throws IOException {
    List<Written> written = new ArrayList<>();
    try (McapWriter writer = McapWriter.create(path, options)) {
      int pose = writer.addSchema("demo/Pose", "jsonschema", bytes("{\"type\":\"object\"}"));
      int joint = writer.addSchema("demo/Joint", "jsonschema", bytes("{\"title\":\"joint\"}"));
      int[] channels = {writer.addChannel(pose, "/pose", "json", Map.of("frame", "world")),
          writer.addChannel(joint, "/joints", "json", Map.of()), writer.addChannel(0, "/log", "text", Map.of())};
      String[] topics = {"/pose", "/joints", "/log"};
      for (int i = 0; i < MESSAGES; i++) {
        // Every fifth message is logged 3 us early, so log-time order differs from file order.
        long logTime = BASE_TIME + i * 1_000_000L - (i % 5 == 0 ? 3_000L : 0L);
        byte[] data = bytes("{\"i\":" + i + ",\"pad\":\"" + "y".repeat(i % 37) + "\"}");
        writer.addMessage(channels[i % 3], i, logTime, logTime + 11, data);
        written.add(new Written(topics[i % 3], i, logTime, logTime + 11, data));
        if (extras && i == 100) {
          writer.addAttachment("calibration.yaml", "application/yaml", logTime, logTime - 1, bytes("fx: 600\n"));
          writer.addMetadata("session", Map.of("robot", "neo-7"));
        }
      }
      if (extras) {
        writer.addAttachment("empty.bin", "application/octet-stream", 5, 6, new byte[0]);
        writer.addMetadata("labels", Map.of("task", "pick"));
      }
    }
    return written;
  }

  /** The written messages as a log-time-ordered reader must deliver them (stable: ties keep file order). */
  static List<Written> inLogTimeOrder(List<Written> written) {
    List<Written> sorted = new ArrayList<>(written);
    sorted.sort(Comparator.comparingLong(Written::logTime));
    return sorted;
  }

  /** Reads every message with {@code order} and closes the iterator. */
  static List<Written> read(McapReader reader, MessageOrder order) {
    try (McapMessageIterator messages = reader.messages(order)) {
      return drain(messages);
    }
  }

  static List<Written> drain(McapMessageIterator messages) {
    List<Written> out = new ArrayList<>();
    messages.forEachRemaining(m -> out.add(Written.of(m)));
    return out;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
