package ai.curate.jobs.bench;

import ai.curate.mcap.McapMessage;
import ai.curate.mcap.McapMessageIterator;
import ai.curate.mcap.McapReader;
import ai.curate.mcap.McapSplit;
import ai.curate.jobs.sample.NeoRos2Schemas;
import ai.curate.mcap.McapWriter;
import ai.curate.mcap.McapWriterOptions;
import ai.curate.mcap.MessageOrder;
import ai.curate.mcap.records.Schema;
import ai.curate.mcap.ros2.CdrMessageEncoder;
import ai.curate.mcap.ros2.MessageDecoder;
import ai.curate.mcap.ros2.MessageDecoders;
import ai.curate.mcap.ros2.Ros2MsgSchemaParser;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * MCAP read cost (docs/benchmarks.md, "MCAP read"): one recording of {@code sensor_msgs/msg/JointState} messages
 * (zstd chunks, CDR, as rosbag2 writes them) read and decoded message by message, next to the same samples read from
 * the fleet bundle's Arrow IPC layout ({@code ts_ns} + FixedSizeList&lt;float32&gt; columns), in one run and one JVM.
 * Both sides touch every value (sum of positions), so neither can skip work. Cost is CPU seconds of the reading
 * threads; the chunk-parallel line reads the file's splits ({@link McapReader#splits}) on 1 and on 2 threads.
 *
 * <pre>
 * bin/bench mcap-read [--minutes 10] [--rate 500] [--joints 40] [--work /tmp/curate-mcap-bench] [--rounds 3]
 * </pre>
 */
public final class McapReadBenchmark {
  private static final String JOINT_STATE = NeoRos2Schemas.text(NeoRos2Schemas.JOINT_STATE);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private McapReadBenchmark() {}

  public static void main(String[] args) throws Exception {
    double minutes = 10;
    int rate = 500;
    int joints = 40;
    Path work = Path.of("/tmp/curate-mcap-bench");
    int rounds = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--minutes" -> minutes = Double.parseDouble(args[++i]);
        case "--rate" -> rate = Integer.parseInt(args[++i]);
        case "--joints" -> joints = Integer.parseInt(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    long messages = (long) (minutes * 60 * rate);
    Files.createDirectories(work);
    Path mcap = work.resolve("joints-" + messages + "x" + joints + ".mcap");
    Path arrow = work.resolve("joints-" + messages + "x" + joints + ".arrow");
    if (!Files.exists(mcap) || !Files.exists(arrow)) {
      write(mcap, arrow, messages, rate, joints);
    }
    System.out.printf(Locale.ROOT, "%d JointState messages (%.1f min at %d Hz, %d joints); MCAP %.1f MB (zstd), "
        + "Arrow %.1f MB%n", messages, minutes, rate, joints, Files.size(mcap) / 1e6, Files.size(arrow) / 1e6);

    List<double[]> arrowRuns = new ArrayList<>();
    List<double[]> mcap1 = new ArrayList<>();
    List<double[]> mcap2 = new ArrayList<>();
    List<double[]> container = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      arrowRuns.add(timeArrow(arrow, messages));
      container.add(timeMcap(mcap, messages, 1, false));
      mcap1.add(timeMcap(mcap, messages, 1, true));
      mcap2.add(timeMcap(mcap, messages, 2, true));
    }
    double[] a = best(arrowRuns);
    double[] m1 = best(mcap1);
    double[] m2 = best(mcap2);
    double[] c = best(container);
    System.out.printf(Locale.ROOT, "%-34s %9s %9s %14s%n", "read + decode (best of " + rounds + ")", "wall s", "cpu s",
        "msgs / cpu s");
    line("Arrow bundle layout, 1 thread", a, messages);
    line("MCAP zstd, no decode, 1 thread", c, messages);
    line("MCAP zstd + CDR, 1 thread", m1, messages);
    line("MCAP zstd + CDR, 2 threads (splits)", m2, messages);
    System.out.printf(Locale.ROOT, "MCAP / Arrow cost per message (cpu): %.2fx; 2-thread speed-up (wall): %.2fx%n",
        m1[1] / a[1], m1[0] / m2[0]);
  }

  private static void line(String name, double[] run, long messages) {
    System.out.printf(Locale.ROOT, "%-34s %9.2f %9.2f %,14.0f%n", name, run[0], run[1], messages / run[1]);
  }

  private static double[] best(List<double[]> runs) {
    return runs.stream().min((x, y) -> Double.compare(x[1], y[1])).orElseThrow();
  }

  private static void write(Path mcap, Path arrow, long messages, int rate, int joints) throws IOException {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < joints; j++) {
      names.add(String.format(Locale.ROOT, "joint_%02d_%s", j, j % 2 == 0 ? "left" : "right"));
    }
    CdrMessageEncoder encoder = new CdrMessageEncoder(Ros2MsgSchemaParser.parse("sensor_msgs/msg/JointState",
        JOINT_STATE));
    int batchRows = 10_000;
    try (McapWriter writer = McapWriter.create(mcap, McapWriterOptions.defaults().withProfile("ros2")
        .withCompression(McapWriterOptions.Compression.ZSTD).withChunkSize(1 << 20));
        BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(arrowSchema(joints), allocator);
        FileChannel channel = FileChannel.open(arrow, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        ArrowFileWriter arrowWriter = new ArrowFileWriter(root, null, channel)) {
      int schema = writer.addSchema("sensor_msgs/msg/JointState", "ros2msg",
          JOINT_STATE.getBytes(StandardCharsets.UTF_8));
      int topic = writer.addChannel(schema, "/joint_states", "cdr", Map.of());
      arrowWriter.start();
      long start = 1_767_225_600_000_000_000L;
      int row = 0;
      for (long i = 0; i < messages; i++) {
        long t = start + i * 1_000_000_000L / rate;
        double[][] values = new double[3][joints];
        for (int j = 0; j < joints; j++) {
          values[0][j] = Math.sin(i * 0.001 + j);
          values[1][j] = Math.cos(i * 0.001 + j);
          values[2][j] = 0.01 * j;
        }
        writer.addMessage(topic, i, t, t, encoder.encode(jointState(t, names, values)));
        ((BigIntVector) root.getVector("ts_ns")).setSafe(row, t);
        for (int c = 0; c < 3; c++) {
          FixedSizeListVector list = (FixedSizeListVector) root.getVector(COLUMNS[c]);
          list.setNotNull(row);
          Float4Vector floats = (Float4Vector) list.getDataVector();
          for (int j = 0; j < joints; j++) {
            floats.setSafe(row * joints + j, (float) values[c][j]);
          }
        }
        if (++row == batchRows || i == messages - 1) {
          root.setRowCount(row);
          arrowWriter.writeBatch();
          root.allocateNew();
          row = 0;
        }
      }
      arrowWriter.end();
    }
  }

  private static final String[] COLUMNS = {"position", "velocity", "effort"};

  private static org.apache.arrow.vector.types.pojo.Schema arrowSchema(int joints) {
    List<Field> fields = new ArrayList<>();
    fields.add(Field.notNullable("ts_ns", new ArrowType.Int(64, true)));
    for (String column : COLUMNS) {
      Field element = new Field("item", FieldType.notNullable(new ArrowType.FloatingPoint(
          FloatingPointPrecision.SINGLE)), null);
      fields.add(new Field(column, FieldType.nullable(new ArrowType.FixedSizeList(joints)), List.of(element)));
    }
    return new org.apache.arrow.vector.types.pojo.Schema(fields);
  }

  private static Map<String, Object> jointState(long t, List<String> names, double[][] values) {
    Map<String, Object> stamp = new LinkedHashMap<>();
    stamp.put("sec", (int) (t / 1_000_000_000L));
    stamp.put("nanosec", t % 1_000_000_000L);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("stamp", stamp);
    header.put("frame_id", "");
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("header", header);
    message.put("name", names);
    message.put("position", values[0]);
    message.put("velocity", values[1]);
    message.put("effort", values[2]);
    return message;
  }

  /** {wall s, cpu s} of reading every Arrow batch and summing every position. */
  private static double[] timeArrow(Path arrow, long expected) throws IOException {
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    long rows = 0;
    double sum = 0;
    try (BufferAllocator allocator = new RootAllocator();
        FileChannel channel = FileChannel.open(arrow);
        ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
      for (ArrowBlock block : reader.getRecordBlocks()) {
        reader.loadRecordBatch(block);
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        BigIntVector ts = (BigIntVector) root.getVector("ts_ns");
        Float4Vector positions = (Float4Vector) ((FixedSizeListVector) root.getVector("position")).getDataVector();
        for (int r = 0; r < root.getRowCount(); r++) {
          sum += ts.get(r) & 1;
        }
        for (int k = 0; k < positions.getValueCount(); k++) {
          sum += positions.get(k);
        }
        rows += root.getRowCount();
      }
    }
    check(rows, expected, sum);
    return new double[] {(System.nanoTime() - wall0) / 1e9, (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9};
  }

  /** {wall s, cpu s of all reading threads} of reading (and decoding, if asked) every message of every split on {@code threads} threads. */
  private static double[] timeMcap(Path mcap, long expected, int threads, boolean decode) throws Exception {
    List<McapSplit> splits;
    try (McapReader reader = McapReader.open(mcap)) {
      splits = reader.splits(8L << 20);
    }
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long wall0 = System.nanoTime();
    try {
      List<Future<double[]>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        parts.add(pool.submit(() -> {
          long cpu0 = THREADS.getCurrentThreadCpuTime();
          long rows = 0;
          double sum = 0;
          try (McapReader reader = McapReader.open(mcap)) {
            for (int s = next.getAndIncrement(); s < splits.size(); s = next.getAndIncrement()) {
              try (McapMessageIterator messages = reader.messages(splits.get(s), MessageOrder.FILE)) {
                MessageDecoder decoder = null;
                while (messages.hasNext()) {
                  McapMessage message = messages.next();
                  if (!decode) {
                    sum += message.data().length;
                  } else if (decoder == null) {
                    Schema schema = message.schema();
                    decoder = MessageDecoders.forChannel(message.channel().messageEncoding(), schema.name(),
                        schema.encoding(), schema.data());
                  }
                  if (decode) {
                    Map<String, Object> value = decoder.decode(message.data());
                    for (double p : (double[]) value.get("position")) {
                      sum += p;
                    }
                  }
                  sum += message.logTime() & 1;
                  rows++;
                }
              }
            }
          }
          return new double[] {rows, sum, (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9};
        }));
      }
      long rows = 0;
      double cpu = 0;
      double sum = 0;
      for (Future<double[]> part : parts) {
        double[] r = part.get();
        rows += (long) r[0];
        sum += r[1];
        cpu += r[2];
      }
      check(rows, expected, sum);
      return new double[] {(System.nanoTime() - wall0) / 1e9, cpu, splits.size()};
    } finally {
      pool.shutdown();
    }
  }

  private static void check(long rows, long expected, double sum) {
    if (rows != expected || Double.isNaN(sum)) {
      throw new IllegalStateException("read " + rows + " rows, expected " + expected);
    }
  }
}
