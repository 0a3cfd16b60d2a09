package ai.curate.mcap;

import ai.curate.mcap.McapWriterOptions.Compression;
import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.jpountz.lz4.LZ4FrameOutputStream;

/** Compresses a chunk's records for the writer: zstd (level 3), or lz4 in the LZ4 frame format MCAP requires. */
final class ChunkCompressor {
  private ChunkCompressor() {}

  static byte[] compress(Compression compression, byte[] records) {
    return switch (compression) {
      case NONE -> records;
      case ZSTD -> Zstd.compress(records, 3);
      case LZ4 -> lz4Frame(records);
    };
  }

  private static byte[] lz4Frame(byte[] records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(records.length / 2 + 64);
    try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(out)) {
      lz4.write(records);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
