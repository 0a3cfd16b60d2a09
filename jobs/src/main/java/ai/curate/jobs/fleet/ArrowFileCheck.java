package ai.curate.jobs.fleet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Checks an Arrow IPC file from its ends only (magic bytes, footer, schema, block table): cheap enough for the
 * planning task, and it finds the usual damage before any data is read. A file that passes can still hold a damaged
 * record batch; the slice reader reports those.
 */
final class ArrowFileCheck {
  static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
  /** Leading magic + padding, footer length + trailing magic. */
  private static final int MIN_SIZE = 8 + 4 + 6;

  /** What planning needs: body size of every record batch (to cut slices), extra columns, the footer bytes. */
  record Info(long[] bodyBytes, List<String> extraColumns, byte[] footer) {
    int blocks() {
      return bodyBytes.length;
    }
  }

  private ArrowFileCheck() {}

  /**
   * @param listWidths the FixedSizeList columns the kind requires, with the width the manifest promises
   */
  static Info inspect(SeekableByteChannel ch, long size, StreamKind kind, Map<String, Integer> listWidths)
      throws StreamFileException, IOException {
    if (size < MIN_SIZE) {
      throw new StreamFileException(FleetIngestErrors.ARROW_TRUNCATED, "only " + size
          + " bytes, too short for an Arrow IPC file (the upload or the logger stopped early); re-upload it");
    }
    byte[] tail = BundleFiles.readAt(ch, size - 10, 10);
    if (!endsWithMagic(tail)) {
      throw new StreamFileException(FleetIngestErrors.ARROW_TRUNCATED, "does not end with the Arrow file magic "
          + "\"ARROW1\": the file is cut off (" + size + " bytes, no footer; the logger or the upload stopped early). "
          + "Re-upload the complete file");
    }
    byte[] head = BundleFiles.readAt(ch, 0, 6);
    if (!java.util.Arrays.equals(head, MAGIC)) {
      throw new StreamFileException(FleetIngestErrors.ARROW_CORRUPT, "does not start with the Arrow file magic "
          + "\"ARROW1\" (first bytes " + hex(head) + "): the file is damaged or not an Arrow IPC file; re-upload it");
    }
    int footerLength = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    long footerStart = size - 10 - footerLength;
    if (footerLength <= 0 || footerStart < 8) {
      throw new StreamFileException(FleetIngestErrors.ARROW_CORRUPT, "footer length " + footerLength
          + " does not fit a " + size + "-byte file: the footer is damaged; re-upload the file");
    }
    // Read before the Arrow reader, which closes the channel when it is done (the caller's close is then a no-op).
    byte[] footer = BundleFiles.readAt(ch, footerStart, footerLength);
    Schema schema;
    List<ArrowBlock> blocks;
    try (BufferAllocator allocator = new RootAllocator(64L << 20);
        ArrowFileReader reader = new ArrowFileReader(ch, allocator)) {
      schema = reader.getVectorSchemaRoot().getSchema();
      blocks = reader.getRecordBlocks();
    } catch (IOException | RuntimeException e) {
      throw new StreamFileException(FleetIngestErrors.ARROW_CORRUPT, "the Arrow footer cannot be read ("
          + FleetIngestErrors.oneLine(e.getMessage()) + "); re-upload the file", e);
    }
    long[] bodies = new long[blocks.size()];
    for (int i = 0; i < blocks.size(); i++) {
      ArrowBlock b = blocks.get(i);
      long end = b.getOffset() + b.getMetadataLength() + b.getBodyLength();
      if (b.getOffset() < 8 || b.getMetadataLength() <= 0 || b.getBodyLength() < 0 || end > footerStart) {
        throw new StreamFileException(FleetIngestErrors.ARROW_CORRUPT, "record batch " + i + " of " + blocks.size()
            + " lies outside the file's data (offset " + b.getOffset() + ", " + (end - b.getOffset())
            + " bytes; data ends at byte " + footerStart + "): the footer is damaged; re-upload the file");
      }
      bodies[i] = b.getBodyLength();
    }
    List<String> extra = checkSchema(schema, kind, listWidths);
    return new Info(bodies, extra, footer);
  }

  /** Returns the columns beyond the contract's; throws schema_mismatch for a missing or mistyped one. */
  static List<String> checkSchema(Schema schema, StreamKind kind, Map<String, Integer> listWidths)
      throws StreamFileException {
    Map<String, Field> fields = new LinkedHashMap<>();
    for (Field f : schema.getFields()) {
      fields.put(f.getName(), f);
    }
    List<String> problems = new ArrayList<>();
    expect(fields, kind.tsColumn, new ArrowType.Int(64, true), "int64", problems);
    if (kind == StreamKind.CAMERA_FRAMES) {
      expect(fields, "frame_index", new ArrowType.Int(32, true), "int32", problems);
    }
    for (Map.Entry<String, Integer> e : listWidths.entrySet()) {
      Field f = fields.get(e.getKey());
      String expected = "FixedSizeList<float32>[" + e.getValue() + "]";
      if (f == null) {
        problems.add("column \"" + e.getKey() + "\" is missing (expected " + expected + ")");
      } else if (!(f.getType() instanceof ArrowType.FixedSizeList list)) {
        problems.add("column \"" + e.getKey() + "\" is " + f.getType() + ", expected " + expected);
      } else if (list.getListSize() != e.getValue()) {
        problems.add("column \"" + e.getKey() + "\" holds " + list.getListSize() + " values a row but the manifest "
            + "promises " + e.getValue() + (kind == StreamKind.JOINT_STATE || kind == StreamKind.JOINT_COMMAND
                ? " (one per name in joint_names)"
                : kind == StreamKind.TACTILE ? " (taxels)" : ""));
      } else if (f.getChildren().size() != 1 || !f.getChildren().get(0).getType()
          .equals(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE))) {
        problems.add("column \"" + e.getKey() + "\" holds " + (f.getChildren().isEmpty()
            ? "nothing"
            : f.getChildren().get(0).getType()) + " values, expected float32");
      }
    }
    if (!problems.isEmpty()) {
      throw new StreamFileException(FleetIngestErrors.SCHEMA_MISMATCH, String.join("; ", problems)
          + ". The " + kind.id + " stream is skipped: fix the logger or the manifest (docs/raw-formats.md)");
    }
    List<String> extra = new ArrayList<>();
    for (String name : fields.keySet()) {
      if (!name.equals(kind.tsColumn) && !listWidths.containsKey(name) && !name.equals("frame_index")) {
        extra.add(name);
      }
    }
    return extra;
  }

  private static void expect(Map<String, Field> fields, String name, ArrowType type, String label,
      List<String> problems) {
    Field f = fields.get(name);
    if (f == null) {
      problems.add("column \"" + name + "\" is missing (expected " + label + ")");
    } else if (!f.getType().equals(type)) {
      problems.add("column \"" + name + "\" is " + f.getType() + ", expected " + label);
    }
  }

  private static boolean endsWithMagic(byte[] tail) {
    for (int i = 0; i < 6; i++) {
      if (tail[4 + i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x", x & 0xFF));
    }
    return sb.toString();
  }
}
