package ai.curate.jobs.spark;

import ai.curate.jobs.errors.CurateErrors;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Embedded Derby admits one process per database: it holds an OS lock on {@code dbex.lck} in the
 * database folder while booted. A second process that opens the catalog anyway gets, after Hive's
 * retries (~30 s), tens of thousands of lines of stack traces. Trying the same lock first turns
 * that into one line naming the holder.
 */
final class EmbeddedCatalogLock {
  private EmbeddedCatalogLock() {}

  /** A {@link ai.curate.jobs.errors.UserError} if another process has the Derby database open. */
  static void checkFree(Path database) {
    Path lock = database.resolve("dbex.lck");
    if (!Files.isRegularFile(lock)) {
      return;
    }
    try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      FileLock l = ch.tryLock();
      if (l != null) {
        l.release();
        return;
      }
    } catch (OverlappingFileLockException e) {
      return; // this JVM holds it: a second session in the same process shares the open database
    } catch (IOException e) {
      return; // cannot tell: let Derby decide
    }
    String holder = holderPid(lock).map(pid -> "process " + pid).orElse("another process");
    throw CurateErrors.catalogInUse(database, holder + " (it holds " + lock + ")");
  }

  /** The pid holding a POSIX lock on the file, from /proc/locks (Linux); empty elsewhere or if not found. */
  static Optional<Long> holderPid(Path file) {
    try {
      Object ino = Files.getAttribute(file, "unix:ino");
      Path locks = Path.of("/proc/locks");
      if (!Files.isReadable(locks)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(locks);
      for (String line : lines) {
        // "1: POSIX  ADVISORY  WRITE 4242 08:01:1234567 0 EOF"; waiters have "->" after the id
        String[] f = line.replace("->", "").trim().split("\\s+");
        if (f.length >= 6 && f[5].endsWith(":" + ino)) {
          return Optional.of(Long.parseLong(f[4]));
        }
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // no unix attributes or no /proc: the message names the lock file without a pid
    }
    return Optional.empty();
  }
}
