package ai.curate.jobs.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VideoPathsTest {
  @Test
  void aBundleVideoIsAsItIsAndAnMcapVideoIsUnderTheWarehouse() {
    assertThat(VideoPaths.resolve("/wh", "file:/raw/fleet/date=2026-01-15/r/s/cameras/head.mp4"))
        .isEqualTo("file:/raw/fleet/date=2026-01-15/r/s/cameras/head.mp4");
    assertThat(VideoPaths.resolve("/wh", "/raw/head.mp4")).isEqualTo("/raw/head.mp4");
    assertThat(VideoPaths.resolve("s3a://bucket/wh", "s3a://other/head.mp4")).isEqualTo("s3a://other/head.mp4");
    assertThat(VideoPaths.resolve("/wh", "mcap_video/date=2026-01-15/r/s/head.mp4"))
        .isEqualTo("/wh/mcap_video/date=2026-01-15/r/s/head.mp4");
    assertThat(VideoPaths.resolve("s3a://bucket/wh/", "mcap_video/date=2026-01-15/r/s/head.mp4"))
        .isEqualTo("s3a://bucket/wh/mcap_video/date=2026-01-15/r/s/head.mp4");
    assertThat(VideoPaths.resolve("/wh", null)).isNull();
  }
}
