package ai.curate.jobs.human;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet camera video whose decoding fails in a way no check foresees (native code out of memory, an unexpected
 * exception) is one ledger row for that camera, not a failed stage; a storage failure still propagates for a retry.
 */
class CameraVideoIngesterTest {
  @TempDir
  Path dir;

  private CameraVideoLocation video() throws Exception {
    Path file = Files.write(dir.resolve("head.mp4"), new byte[] {0, 0, 0, 24});
    return new CameraVideoLocation("neo-1", "s1", "head", file.toString());
  }

  private CameraVideoIngester failing(CameraVideoIngester.Analyzer analyzer) {
    return new CameraVideoIngester(HumanIngestSettings.defaults(), Configuration::new,
        dir.resolve("scratch").toString(), analyzer);
  }

  @Test
  void decodingThatRunsOutOfMemoryOrThrowsIsALedgerRowForThatCamera() throws Exception {
    CameraVideoLocation video = video();
    for (Throwable failure : new Throwable[] {new OutOfMemoryError("native buffer"),
        new IllegalStateException("unexpected")}) {
      CameraVideoResult r = failing(path -> {
        if (failure instanceof Error e) {
          throw e;
        }
        throw (RuntimeException) failure;
      }).ingest(video);
      assertThat(r.decoded()).isFalse();
      assertThat(r.errors()).singleElement().satisfies(e -> {
        assertThat(e.errorKind()).isEqualTo(CameraVideoIngester.CAMERA_VIDEO_UNREADABLE);
        assertThat(e.sessionId()).isEqualTo("s1");
        assertThat(e.message()).contains(failure.getClass().getSimpleName(), failure.getMessage())
            .doesNotContain(dir.resolve("scratch").toString());
      });
    }
  }

  @Test
  void aStorageFailureStillPropagatesSoThatSparkRetries() throws Exception {
    CameraVideoLocation video = video();
    assertThatThrownBy(() -> failing(path -> {
      throw new UncheckedIOException(new java.io.IOException("connection reset"));
    }).ingest(video)).isInstanceOf(UncheckedIOException.class);
  }
}
