package ai.curate.jobs.video;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegLogTest {
  @TempDir
  Path dir;

  @Test
  void errorsAreChargedToTheThreadThatDecodedTheDamagedFile() throws Exception {
    Path corrupt = TestVideos.corrupt(Fixtures.handVideo(), dir.resolve("corrupt.mp4"), 200, 7);
    VideoAnalyzer analyzer = new VideoAnalyzer(VideoAnalysisOptions.defaults());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      // Clean and corrupt videos decoded at the same time on two threads, as two Spark tasks would.
      List<Future<VideoSummary>> clean = new ArrayList<>();
      List<Future<VideoSummary>> damaged = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        damaged.add(pool.submit(() -> analyzer.analyze(corrupt).summary()));
        clean.add(pool.submit(() -> analyzer.analyze(Fixtures.handVideo()).summary()));
      }
      for (Future<VideoSummary> f : clean) {
        assertThat(f.get().decodeErrors()).isZero();
      }
      long first = damaged.get(0).get().decodeErrors();
      assertThat(first).isPositive();
      // Deterministic: the same file gives the same count, whatever ran beside it.
      assertThat(damaged.get(1).get().decodeErrors()).isEqualTo(first);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void nestedCapturesRestoreTheOuterOne() {
    try (FfmpegLog.Capture outer = FfmpegLog.capture()) {
      try (FfmpegLog.Capture inner = FfmpegLog.capture()) {
        assertThat(inner).isNotSameAs(outer);
      }
      // Closing twice is harmless.
      outer.close();
    }
  }

  @Test
  void aCaptureMustBeClosedByItsOwnThread() throws Exception {
    FfmpegLog.Capture capture = FfmpegLog.capture();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    try {
      Thread other = new Thread(() -> {
        try {
          capture.close();
        } catch (Throwable t) {
          thrown.set(t);
        }
      });
      other.start();
      other.join();
    } finally {
      capture.close();
    }
    assertThat(thrown.get()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed by the thread that opened it");
  }

  @Test
  void contextAddressesAreRemovedFromMessages() {
    assertThat(FfmpegLog.normalize("[h264 @ 0x7fd084df7dc0] error while decoding MB 0 42\n"))
        .isEqualTo("[h264] error while decoding MB 0 42");
  }
}
