package ai.curate.jobs.mcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** Paths and the refusals of the camera re-mux, without Spark. */
class McapCameraVideosTest {
  @Test
  void pathsAreOneFolderPerDateRobotAndSessionWithSafeSegments() {
    assertThat(McapCameraVideos.relativePath(LocalDate.parse("2026-01-15"), "neo-0001", "s1", "head"))
        .isEqualTo("mcap_video/date=2026-01-15/neo-0001/s1/head.mp4");
    assertThat(McapCameraVideos.segment("left/wrist")).isEqualTo("left_wrist");
    assertThat(McapCameraVideos.segment("..")).isEqualTo("_..");
    assertThat(McapCameraVideos.segment("")).isEqualTo("_");
  }

  @Test
  void anUnsupportedFormatIsALedgerRowAndNoVideo() {
    McapCameraVideos.Job job = new McapCameraVideos.Job("neo-0001", "s1", "head", "/camera/head/video",
        "/raw/s1.mcap", "vp9", 0, 0, 30, List.of(), "mcap_video/date=2026-01-15/neo-0001/s1/head.mp4");

    McapCameraVideos.Result r = McapCameraVideos.remux(job, 20_000, List.of(), new Configuration(), "/nowhere");

    assertThat(r.relativePath()).isNull();
    assertThat(r.frames()).isZero();
    assertThat(r.error().errorKind()).isEqualTo(McapIngestErrors.CAMERA_NOT_REMUXED);
    assertThat(r.error().sourcePath()).isEqualTo("/raw/s1.mcap");
    assertThat(r.error().message()).contains("camera head", "'vp9'", "not JPEG, PNG or H.264");
  }
}
