package ai.curate.retargeting.retarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.curate.retargeting.urdf.Joint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retargeting acceptance test (docs/retargeting.md): the real human keypoints of the shared fixture onto the Allegro right hand
 * (wrist to the four fingertips, human 4, 8, 12, 16, scaling 1.6) at least as well as an SLSQP solver
 * of the same objective (about 39 mm), with smooth trajectories; and onto Neo's 22-DoF hands.
 */
class HandRetargetAcceptanceTest {
  /** Mean vector error of dex-retargeting's SLSQP on this objective and these frames. */
  private static final double SLSQP_MEAN_ERROR_MM = 39.0;

  @TempDir
  Path dir;

  @Test
  void allegroRightHandOnTheRealKeypoints() {
    RetargetConfig config = RetargetConfig.load(RetargetFixtures.allegroConfig(dir));
    ClipRetargeter.Result result = new ClipRetargeter(config)
        .retarget(RetargetFixtures.frames("right", false).iterator(), KeypointFrame.WRIST);
    HandClipMetrics m = result.summary().hands().get("right");
    System.out.printf("Allegro right hand, 621 real frames: solver %.2f mm, output %.2f mm (p95 %.2f, max %.2f), "
        + "jerk rms %.0f rad/s^3 (raw %.0f), iterations mean %.2f max %d, jumps %d, saturation %.3f%n",
        m.solverVectorErrorMmMean(), m.vectorErrorMmMean(), m.vectorErrorMmP95(), m.vectorErrorMmMax(), m.jerkRms(),
        m.rawJerkRms(), m.iterationsMean(), m.iterationsMax(), m.jumpCount(), m.limitSaturationFraction());
    assertThat(result.frames()).hasSize(621);
    assertThat(m.framesWithHand()).isEqualTo(621);
    assertThat(m.solverVectorErrorMmMean()).as("per-frame solutions vs SLSQP").isLessThanOrEqualTo(SLSQP_MEAN_ERROR_MM);
    // zero-phase smoothing trades a fraction of a millimetre for a several times smoother trajectory
    assertThat(m.vectorErrorMmMean()).isLessThanOrEqualTo(SLSQP_MEAN_ERROR_MM + 0.5);
    assertThat(m.jerkRms()).isLessThan(m.rawJerkRms() / 3);
    assertThat(m.convergenceRate()).isGreaterThanOrEqualTo(0.99);
    assertThat(m.vectorErrorMmP95()).isGreaterThan(m.vectorErrorMmMean()).isLessThanOrEqualTo(m.vectorErrorMmMax());
    assertWithinLimits(config, result);
    FrameOutput first = result.frames().get(0);
    assertThat(first.joints()).hasSize(16);
    assertThat(first.joints().keySet()).containsExactlyElementsOf(config.model().actuatedJointNames());
    // a frame's error is the mean of its hands' errors
    assertThat(first.vectorErrorMm()).isEqualTo(first.hands().get("right").vectorErrorMm());
  }

  @Test
  void neoRightHandOnTheRealKeypoints() {
    RetargetConfig config = RetargetConfig.load(RetargetFixtures.neoConfig());
    ClipRetargeter.Result result = new ClipRetargeter(config)
        .retarget(RetargetFixtures.frames("right", false).iterator(), KeypointFrame.WRIST);
    HandClipMetrics m = result.summary().hands().get("right");
    System.out.printf("Neo right hand (22 DoF), 621 real frames: output %.2f mm (p95 %.2f), jerk rms %.0f (raw %.0f), "
        + "iterations mean %.2f%n", m.vectorErrorMmMean(), m.vectorErrorMmP95(), m.jerkRms(), m.rawJerkRms(),
        m.iterationsMean());
    assertThat(m.vectorErrorMmMean()).as("a human-sized 22-DoF hand follows a human hand closely").isLessThan(12);
    assertThat(result.summary().hands().get("left").framesWithHand()).isZero();
    assertThat(result.frames().get(10).joints()).hasSize(22).allSatisfy((k, v) -> assertThat(k).startsWith("right_"));
    assertWithinLimits(config, result);
  }

  @Test
  void neoLeftHandMirrorsTheRightHand() {
    RetargetConfig config = RetargetConfig.load(RetargetFixtures.neoConfig());
    List<FrameOutput> right = new ClipRetargeter(config)
        .retarget(RetargetFixtures.frames("right", false).subList(0, 120).iterator(), KeypointFrame.CAMERA).frames();
    List<FrameOutput> left = new ClipRetargeter(config)
        .retarget(RetargetFixtures.frames("left", true).subList(0, 120).iterator(), KeypointFrame.CAMERA).frames();
    for (int f = 0; f < 120; f++) {
      Map<String, Double> l = left.get(f).joints();
      assertThat(l).hasSize(22);
      for (Map.Entry<String, Double> e : right.get(f).joints().entrySet()) {
        String mirrored = "left_" + e.getKey().substring("right_".length());
        assertThat(l.get(mirrored)).as("frame %d %s", f, mirrored).isCloseTo(e.getValue(), within(1e-6));
      }
    }
  }

  private static void assertWithinLimits(RetargetConfig config, ClipRetargeter.Result result) {
    for (FrameOutput f : result.frames()) {
      f.joints().forEach((name, value) -> {
        Joint j = config.model().joint(name);
        assertThat(value).as("frame %d %s", f.frameIndex(), name).isBetween(j.lower(), j.upper());
      });
    }
  }
}
