package ai.curate.mcap;

import ai.curate.mcap.McapFormatException.Kind;
import ai.curate.mcap.records.Chunk;
import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import net.jpountz.lz4.LZ4FrameInputStream;

/**
 * Restores a chunk's records: "" (stored), "zstd" or "lz4" (the LZ4 frame format), checked against the chunk's
 * declared uncompressed size and, when non-zero, its CRC-32.
 */
final class ChunkDecompressor {
  private ChunkDecompressor() {}

  static byte[] decompress(Chunk chunk, long chunkOffset, McapReadOptions options) {
    long size = chunk.uncompressedSize();
    if (size < 0 || size > options.maxRecordBytes()) {
      throw new McapFormatException(Kind.RECORD_TOO_LARGE, chunkOffset, "Chunk declares " + Long.toUnsignedString(size)
          + " uncompressed bytes, beyond the reader's cap of " + options.maxRecordBytes());
    }
    byte[] records = switch (chunk.compression()) {
      case "" -> chunk.records();
      case "zstd" -> zstd(chunk.records(), (int) size, chunkOffset);
      case "lz4" -> lz4(chunk.records(), (int) size, chunkOffset);
      default -> throw new McapFormatException(Kind.UNKNOWN_COMPRESSION, chunkOffset,
          "Chunk compression '" + chunk.compression() + "' is none of \"\", zstd, lz4");
    };
    if (records.length != size) {
      throw new McapFormatException(Kind.DECOMPRESSION_FAILED, chunkOffset, "Chunk (" + chunk.compression()
          + ") holds " + records.length + " uncompressed bytes, its record declares " + size);
    }
    Crc.check(chunk.uncompressedCrc(), records, 0, records.length, chunkOffset, "Chunk records: stored CRC");
    return records;
  }

  private static byte[] zstd(byte[] compressed, int size, long chunkOffset) {
    try {
      return Zstd.decompress(compressed, size);
    } catch (RuntimeException e) {
      throw new McapFormatException(Kind.DECOMPRESSION_FAILED, chunkOffset, "Chunk (zstd): " + e.getMessage(), e);
    }
  }

  private static byte[] lz4(byte[] compressed, int size, long chunkOffset) {
    try (InputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(compressed))) {
      byte[] records = in.readNBytes(size);
      if (in.read() != -1) {
        throw new McapFormatException(Kind.DECOMPRESSION_FAILED, chunkOffset,
            "Chunk (lz4) decompresses to more than its declared " + size + " bytes");
      }
      return records;
    } catch (IOException | RuntimeException e) {
      if (e instanceof McapFormatException format) {
        throw format;
      }
      throw new McapFormatException(Kind.DECOMPRESSION_FAILED, chunkOffset, "Chunk (lz4): " + e.getMessage(), e);
    }
  }
}
