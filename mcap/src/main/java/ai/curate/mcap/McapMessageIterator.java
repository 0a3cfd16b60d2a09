package ai.curate.mcap;

import java.util.Iterator;
import java.util.Optional;

/**
 * Messages read lazily from a file, holding the file open until {@link #close()}. Reading by index throws
 * {@link McapFormatException} on a damaged chunk; a linear scan instead ends at the damage and reports it through
 * {@link #damage()}, so the intact prefix of a crashed recording is still delivered.
 */
public interface McapMessageIterator extends Iterator<McapMessage>, AutoCloseable {
  /** Once the iterator is exhausted: where the scanned file stopped being intact, if it did. */
  Optional<McapDamage> damage();

  @Override
  void close();
}
