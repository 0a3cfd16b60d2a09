package ai.curate.jobs.video;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VideoIntegrityTest {
  private static final double MIN_COVERAGE = VideoAnalysisOptions.defaults().minCoverage();

  @Test
  void allDeclaredFramesCoveringTheDurationWithoutErrorsIsOk() {
    VideoIntegrity v = VideoIntegrity.assess(621, 621L, 20_700_000L, 20_700_000L, 0, false, MIN_COVERAGE);

    assertThat(v.missingFrames()).isZero();
    assertThat(v.coverage()).isEqualTo(1.0);
    assertThat(v.truncated()).isFalse();
    assertThat(v.corrupt()).isFalse();
    assertThat(v.status()).isEqualTo(VideoIntegrity.OK);
  }

  @Test
  void aFileEndingEarlyIsTruncated() {
    VideoIntegrity v = VideoIntegrity.assess(381, 621L, 12_700_000L, 20_700_000L, 3, false, MIN_COVERAGE);

    assertThat(v.missingFrames()).isEqualTo(240);
    assertThat(v.truncated()).isTrue();
    assertThat(v.status()).isEqualTo(VideoIntegrity.DAMAGED);
  }

  @Test
  void decodeErrorsMakeItCorruptEvenWithEveryFrame() {
    VideoIntegrity v = VideoIntegrity.assess(621, 621L, 20_700_000L, 20_700_000L, 1, false, MIN_COVERAGE);

    assertThat(v.corrupt()).isTrue();
    assertThat(v.truncated()).isFalse();
    assertThat(v.status()).isEqualTo(VideoIntegrity.DAMAGED);
  }

  @Test
  void aSingleLostFrameIsDamageButNotTruncation() {
    VideoIntegrity v = VideoIntegrity.assess(620, 621L, 20_700_000L, 20_700_000L, 0, false, MIN_COVERAGE);

    assertThat(v.missingFrames()).isEqualTo(1);
    assertThat(v.truncated()).isFalse();
    assertThat(v.status()).isEqualTo(VideoIntegrity.DAMAGED);
  }

  @Test
  void unknownCountAndDurationAreNotJudged() {
    VideoIntegrity v = VideoIntegrity.assess(100, null, 3_300_000L, null, 0, false, MIN_COVERAGE);

    assertThat(v.missingFrames()).isNull();
    assertThat(v.coverage()).isNull();
    assertThat(v.truncated()).isNull();
    assertThat(v.status()).isEqualTo(VideoIntegrity.OK);
  }

  @Test
  void keyFrameTriageOnlyJudgesErrors() {
    VideoIntegrity clean = VideoIntegrity.assess(3, 621L, 500_000L, 20_700_000L, 0, true, MIN_COVERAGE);
    VideoIntegrity broken = VideoIntegrity.assess(3, 621L, 500_000L, 20_700_000L, 2, true, MIN_COVERAGE);

    assertThat(clean.missingFrames()).isNull();
    assertThat(clean.truncated()).isNull();
    assertThat(clean.status()).isEqualTo(VideoIntegrity.OK);
    assertThat(broken.status()).isEqualTo(VideoIntegrity.DAMAGED);
  }
}
