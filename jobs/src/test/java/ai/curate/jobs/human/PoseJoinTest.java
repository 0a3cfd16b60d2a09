package ai.curate.jobs.human;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.video.FrameSignals;
import ai.curate.retargeting.pose.PoseLine;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PoseJoinTest {
  private static FrameSignals frame(int index, long pts) {
    return new FrameSignals(index, pts, false, 0, 0, 0, null, null, null, false, false, false);
  }

  private static PoseLine pose(int index, long pts) {
    return new PoseLine(index + 1, index, pts, List.of(), null);
  }

  @Test
  void countsFramesWithoutPoseAndPosesWithoutFrame() {
    List<FrameSignals> frames = IntStream.range(0, 10).mapToObj(i -> frame(i, i * 100L)).toList();
    // Poses for frames 2..11: 0 and 1 have none; 10 and 11 are beyond the video.
    List<PoseLine> poses = IntStream.range(2, 12).mapToObj(i -> pose(i, i * 100L + (i == 5 ? 7 : 0))).toList();

    PoseJoin join = PoseJoin.of(frames, poses);

    assertThat(join.framesWithoutPose()).isEqualTo(2);
    assertThat(join.posesWithoutFrame()).isEqualTo(2);
    assertThat(join.maxPtsDiffUs()).isEqualTo(7);
  }

  @Test
  void nothingInCommonHasNoTimestampDifference() {
    PoseJoin join = PoseJoin.of(List.of(frame(0, 0)), List.of(pose(5, 500)));

    assertThat(join.framesWithoutPose()).isEqualTo(1);
    assertThat(join.posesWithoutFrame()).isEqualTo(1);
    assertThat(join.maxPtsDiffUs()).isNull();
  }
}
