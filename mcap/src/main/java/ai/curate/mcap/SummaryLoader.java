package ai.curate.mcap;

import ai.curate.mcap.McapFormatException.Kind;
import ai.curate.mcap.records.AttachmentIndex;
import ai.curate.mcap.records.Channel;
import ai.curate.mcap.records.ChunkIndex;
import ai.curate.mcap.records.Footer;
import ai.curate.mcap.records.MetadataIndex;
import ai.curate.mcap.records.Schema;
import ai.curate.mcap.records.Statistics;
import ai.curate.mcap.records.SummaryOffset;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the footer at the end of a file and loads the summary it points to. A file whose end is not a footer and the
 * closing magic (a recorder that crashed), or whose footer says there is no summary, has no summary: the caller
 * falls back to a linear scan. A summary that is there but corrupt is an error.
 */
final class SummaryLoader {
  private SummaryLoader() {}

  /** The footer, when the file ends with one followed by the closing magic. */
  static Optional<Footer> footer(FileRecords file, long dataStart) {
    long footerOffset = file.size() - Opcode.MAGIC.length - Opcode.FOOTER_RECORD;
    if (footerOffset < dataStart) {
      return Optional.empty();
    }
    byte[] magic = new byte[Opcode.MAGIC.length];
    file.read(file.size() - Opcode.MAGIC.length, magic.length).get(magic);
    ByteBuffer prefix = file.read(footerOffset, Opcode.RECORD_PREFIX).order(ByteOrder.LITTLE_ENDIAN);
    if (!Arrays.equals(magic, Opcode.MAGIC) || (prefix.get() & 0xFF) != Opcode.FOOTER
        || prefix.getLong() != Opcode.FOOTER_RECORD - Opcode.RECORD_PREFIX) {
      return Optional.empty();
    }
    return Optional.of((Footer) file.recordAt(footerOffset).parse());
  }

  /** The summary the footer points to, or empty when the footer says there is none. */
  static Optional<McapSummary> load(FileRecords file, Footer footer, McapReadOptions options) {
    long footerOffset = file.size() - Opcode.MAGIC.length - Opcode.FOOTER_RECORD;
    long start = footer.summaryStart();
    if (start == 0) {
      return Optional.empty();
    }
    if (start < 0 || start > footerOffset) {
      throw new McapFormatException(Kind.BAD_RECORD, footerOffset, "Footer: summary_start " + Long
          .toUnsignedString(start) + " is not between the data section and the footer");
    }
    // The CRC covers the summary and the footer up to (not including) summary_crc itself.
    long crcEnd = footerOffset + Opcode.FOOTER_RECORD - 4;
    if (crcEnd - start > options.maxRecordBytes()) {
      throw new McapFormatException(Kind.RECORD_TOO_LARGE, start, "the summary section of " + (crcEnd - start)
          + " bytes is beyond the reader's cap of " + options.maxRecordBytes());
    }
    byte[] bytes = new byte[(int) (crcEnd - start)];
    file.read(start, bytes.length).get(bytes);
    Crc.check(footer.summaryCrc(), bytes, 0, bytes.length, footerOffset, "Footer: stored summary CRC");
    return Optional.of(parse(bytes, (int) (footerOffset - start), start, footer, options));
  }

  private static McapSummary parse(byte[] bytes, int length, long start, Footer footer, McapReadOptions options) {
    Map<Integer, Schema> schemas = new LinkedHashMap<>();
    Map<Integer, Channel> channels = new LinkedHashMap<>();
    List<ChunkIndex> chunks = new ArrayList<>();
    List<AttachmentIndex> attachments = new ArrayList<>();
    List<MetadataIndex> metadata = new ArrayList<>();
    List<SummaryOffset> offsets = new ArrayList<>();
    Statistics statistics = null;
    int position = 0;
    while (position < length) {
      long offset = start + position;
      if (length - position < Opcode.RECORD_PREFIX) {
        throw new McapFormatException(Kind.BAD_RECORD, offset, "the summary section ends inside a record prefix");
      }
      ByteBuffer prefix = ByteBuffer.wrap(bytes, position, Opcode.RECORD_PREFIX).order(ByteOrder.LITTLE_ENDIAN);
      int opcode = prefix.get() & 0xFF;
      long declared = prefix.getLong();
      int bodyStart = position + Opcode.RECORD_PREFIX;
      if (declared < 0 || declared > length - bodyStart) {
        throw new McapFormatException(Kind.BAD_RECORD, offset, Opcode.name(opcode) + " in the summary declares "
            + Long.toUnsignedString(declared) + " bytes, past the start of the footer");
      }
      Object record = RecordParser.parse(opcode, bytes, bodyStart, bodyStart + (int) declared, offset);
      if (record instanceof Schema s) {
        schemas.put(s.id(), s);
      } else if (record instanceof Channel c) {
        channels.put(c.id(), c);
      } else if (record instanceof ChunkIndex c) {
        chunks.add(c);
      } else if (record instanceof AttachmentIndex a) {
        attachments.add(a);
      } else if (record instanceof MetadataIndex m) {
        metadata.add(m);
      } else if (record instanceof SummaryOffset s) {
        offsets.add(s);
      } else if (record instanceof Statistics s) {
        statistics = s;
      }
      position = bodyStart + (int) declared;
    }
    return new McapSummary(footer, Collections.unmodifiableMap(schemas), Collections.unmodifiableMap(channels),
        List.copyOf(chunks), List.copyOf(attachments), List.copyOf(metadata), Optional.ofNullable(statistics),
        List.copyOf(offsets));
  }
}
