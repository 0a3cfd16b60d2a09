package ai.curate.jobs.video;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/**
 * Counts FFmpeg's error and warning log lines per video. JavaCV ignores decoder return codes, so the log is the only
 * place a damaged stream shows up.
 *
 * <p>FFmpeg has one process-wide log callback. This class installs it once per JVM and keeps a strong static reference
 * to it: a callback object collected by the GC while native code still points at it crashes the JVM. Other code in the
 * same JVM must not call {@code avutil.setLogCallback} itself (it would silently replace this one); use
 * {@link #capture()} instead.
 *
 * <p>Attribution is per thread: {@link #capture()} opens a {@link Capture} bound to the calling thread, and lines logged
 * on that thread while it is open are charged to it. That is exact for our decoders because they run with
 * {@code threads=1}, so FFmpeg logs from the thread that calls {@code grab()}, and Spark runs each task on its own
 * thread. Lines logged on threads without an open capture (another library's worker threads, for example) are only
 * counted in {@link #unattributedLines()}.
 */
public final class FfmpegLog {
  /** How many messages a capture keeps verbatim (counts are always complete). */
  static final int KEPT_MESSAGES = 5;

  /** FFmpeg prefixes lines with the context's address ({@code [h264 @ 0x7f..]}); addresses differ run to run. */
  private static final Pattern ADDRESS = Pattern.compile(" @ 0x[0-9a-fA-F]+");

  private static final ThreadLocal<Capture> ACTIVE = new ThreadLocal<>();
  private static final AtomicLong UNATTRIBUTED = new AtomicLong();
  private static final Object INSTALL_LOCK = new Object();

  /** Strong reference for the life of the JVM (see class comment); also retained on the native side. */
  private static volatile LogCallback installed;

  private FfmpegLog() {}

  /** Starts charging this thread's FFmpeg error and warning lines to a new capture; close it when the video is done. */
  public static Capture capture() {
    ensureInstalled();
    // The level is process-wide and other code (the sample writer, for one) lowers it; counts must not depend on that.
    if (avutil.av_log_get_level() != avutil.AV_LOG_WARNING) {
      avutil.av_log_set_level(avutil.AV_LOG_WARNING);
    }
    Capture previous = ACTIVE.get();
    Capture capture = new Capture(previous);
    ACTIVE.set(capture);
    return capture;
  }

  /** Lines logged on threads that had no open capture, since the JVM started. */
  public static long unattributedLines() {
    return UNATTRIBUTED.get();
  }

  static String normalize(String line) {
    return ADDRESS.matcher(line.strip()).replaceAll("");
  }

  private static void ensureInstalled() {
    if (installed != null) {
      return;
    }
    synchronized (INSTALL_LOCK) {
      if (installed == null) {
        LogCallback callback = new CountingCallback().retainReference();
        // Lines above WARNING (info, verbose, debug) are never formatted or passed up to Java: they cost time per frame.
        avutil.av_log_set_level(avutil.AV_LOG_WARNING);
        avutil.setLogCallback(callback);
        installed = callback;
      }
    }
  }

  private static final class CountingCallback extends LogCallback {
    @Override
    public void call(int level, BytePointer message) {
      Capture capture = ACTIVE.get();
      if (capture == null) {
        UNATTRIBUTED.incrementAndGet();
        return;
      }
      if (level <= avutil.AV_LOG_ERROR) {
        capture.errors++;
        if (capture.errorMessages.size() < KEPT_MESSAGES) {
          capture.errorMessages.add(normalize(message.getString()));
        }
      } else if (level <= avutil.AV_LOG_WARNING) {
        capture.warnings++;
        if (capture.warningMessages.size() < KEPT_MESSAGES) {
          capture.warningMessages.add(normalize(message.getString()));
        }
      }
    }
  }

  /** The lines one thread logged while it was open. Not thread-safe: it is only touched by its own thread. */
  public static final class Capture implements AutoCloseable {
    private final Capture previous;
    private final Thread owner = Thread.currentThread();
    private long errors;
    private long warnings;
    private final List<String> errorMessages = new ArrayList<>();
    private final List<String> warningMessages = new ArrayList<>();
    private boolean closed;

    private Capture(Capture previous) {
      this.previous = previous;
    }

    public long errors() {
      return errors;
    }

    public long warnings() {
      return warnings;
    }

    /** The first few error lines, context addresses removed so reruns produce the same text. */
    public List<String> errorMessages() {
      return List.copyOf(errorMessages);
    }

    public List<String> warningMessages() {
      return List.copyOf(warningMessages);
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException("an FFmpeg log capture must be closed by the thread that opened it ("
            + owner.getName() + "), not " + Thread.currentThread().getName());
      }
      closed = true;
      if (ACTIVE.get() == this) {
        if (previous == null) {
          ACTIVE.remove();
        } else {
          ACTIVE.set(previous);
        }
      }
    }
  }
}
