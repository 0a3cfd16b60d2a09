package ai.curate.retargeting.retarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.retargeting.pose.PoseFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A clip retargeted in two calls, the second started from the first's solver state, equals one call. */
class ClipContinuationTest {
  @Test
  void aContinuedClipHasTheRawSolutionsOfOneUninterruptedRun() {
    RetargetConfig config = RetargetConfig.load(RetargetFixtures.neoConfig());
    List<PoseFrame> frames = new ArrayList<>(RetargetFixtures.frames("right", false));
    // a gap at the split: the state carried over is the last frame where the hand was solved
    for (int k = 297; k < 303; k++) {
      frames.set(k, new PoseFrame(k, frames.get(k).ptsUs(), Map.of()));
    }
    ClipRetargeter whole = new ClipRetargeter(config);
    whole.retarget(frames.iterator(), KeypointFrame.WRIST);
    Map<String, double[]> end = whole.solverStatesAfter(620);
    Map<String, double[]> beforeGap = whole.solverStatesAfter(296);

    ClipRetargeter pieces = new ClipRetargeter(config);
    pieces.retarget(frames.subList(0, 300).iterator(), KeypointFrame.WRIST);
    Map<String, double[]> handOver = pieces.solverStatesAfter(299);
    assertThat(handOver.get("right")).containsExactly(beforeGap.get("right"));
    pieces.startFrom(handOver);
    pieces.retarget(frames.subList(300, 621).iterator(), KeypointFrame.WRIST);
    assertThat(pieces.solverStatesAfter(320).get("right")).containsExactly(end.get("right"));
    // the left hand never appears: its state is the fresh start in both
    assertThat(pieces.solverStatesAfter(320).get("left")).containsExactly(end.get("left"));

    // without the hand-over the continuation starts fresh and ends elsewhere
    ClipRetargeter fresh = new ClipRetargeter(config);
    fresh.retarget(frames.subList(300, 621).iterator(), KeypointFrame.WRIST);
    assertThat(fresh.solverStatesAfter(320).get("right")).isNotEqualTo(end.get("right"));
    assertThatThrownBy(() -> fresh.solverStatesAfter(321)).isInstanceOf(IllegalArgumentException.class);
  }
}
