package ai.curate.jobs.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VideoIntegrityTest {
  private static final double MIN_COVERAGE = VideoAnalysisOptions.defaults().minCoverage();

  /** Decodes of a 621-frame, 20.7 s stream unless a test says otherwise. */
  private static VideoIntegrity assess(int decoded, Long declared, long spanUs, Long durationUs, int errors,
      boolean keyframesOnly) {
    return VideoIntegrity.assess(decoded, declared, spanUs, durationUs, errors, keyframesOnly, MIN_COVERAGE);
  }

  /** The verdict as (missing frames, coverage, truncated, corrupt, status). */
  private static List<Object> verdict(VideoIntegrity v) {
    return Arrays.asList(v.missingFrames(), v.coverage(), v.truncated(), v.corrupt(), v.status());
  }

  @Test
  void allDeclaredFramesCoveringTheDurationWithoutErrorsIsOk() {
    assertThat(verdict(assess(621, 621L, 20_700_000L, 20_700_000L, 0, false)))
        .containsExactly(0L, 1.0, false, false, VideoIntegrity.OK);
  }

  @Test
  void aFileEndingEarlyIsTruncated() {
    assertThat(verdict(assess(381, 621L, 12_700_000L, 20_700_000L, 3, false)))
        .containsExactly(240L, 12_700_000.0 / 20_700_000, true, true, VideoIntegrity.DAMAGED);
  }

  @Test
  void decodeErrorsMakeItCorruptEvenWithEveryFrame() {
    assertThat(verdict(assess(621, 621L, 20_700_000L, 20_700_000L, 1, false)))
        .containsExactly(0L, 1.0, false, true, VideoIntegrity.DAMAGED);
  }

  @Test
  void aSingleLostFrameIsDamageButNotTruncation() {
    assertThat(verdict(assess(620, 621L, 20_700_000L, 20_700_000L, 0, false)))
        .containsExactly(1L, 1.0, false, false, VideoIntegrity.DAMAGED);
  }

  @Test
  void unknownCountAndDurationAreNotJudged() {
    assertThat(verdict(assess(100, null, 3_300_000L, null, 0, false)))
        .containsExactly(null, null, null, false, VideoIntegrity.OK);
  }

  @Test
  void keyFrameTriageOnlyJudgesErrors() {
    assertThat(verdict(assess(3, 621L, 500_000L, 20_700_000L, 0, true)))
        .containsExactly(null, null, null, false, VideoIntegrity.OK);
    assertThat(assess(3, 621L, 500_000L, 20_700_000L, 2, true).status()).isEqualTo(VideoIntegrity.DAMAGED);
  }
}
