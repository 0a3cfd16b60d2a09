package ai.curate.jobs.retarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.retargeting.pose.HandObservation;
import ai.curate.retargeting.pose.PoseFrame;
import ai.curate.retargeting.retarget.ClipRetargeter;
import ai.curate.retargeting.retarget.FrameOutput;
import ai.curate.retargeting.retarget.KeypointFrame;
import ai.curate.retargeting.retarget.RetargetConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chunking adapter over ClipRetargeter, without Spark, on the real fixture keypoints. */
class ChunkedClipRetargeterTest {
  private static List<ChunkedClipRetargeter.RetargetedFrame> run(List<PoseFrame> frames, int chunk, int overlap) {
    List<ChunkedClipRetargeter.RetargetedFrame> out = new ArrayList<>();
    Iterator<ChunkedClipRetargeter.RetargetedFrame> it = new ChunkedClipRetargeter(RetargetTestInputs.neoConfig(),
        chunk, overlap, null).retarget(frames.iterator(), KeypointFrame.WRIST);
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void aClipShorterThanAChunkIsExactlyOneClipRetargeterRun() {
    List<PoseFrame> frames = RetargetTestInputs.rightHandFrames();
    List<FrameOutput> direct = new ClipRetargeter(RetargetTestInputs.neoConfig())
        .retarget(frames.iterator(), KeypointFrame.WRIST).frames();
    List<ChunkedClipRetargeter.RetargetedFrame> adapted = run(frames, 10_000, 60);

    assertThat(adapted).hasSize(621);
    for (int k = 0; k < 621; k++) {
      assertThat(adapted.get(k).stepIndex()).isEqualTo(k);
      assertThat(adapted.get(k).output().joints()).isEqualTo(direct.get(k).joints());
      assertThat(adapted.get(k).output().vectorErrorMm()).isEqualTo(direct.get(k).vectorErrorMm());
    }
  }

  @Test
  void everyFrameComesOutOnceInOrderWhateverTheChunking() {
    List<PoseFrame> frames = RetargetTestInputs.rightHandFrames().subList(0, 130);
    int[][] settings = {{1, 0}, {7, 3}, {10, 4}, {13, 5}, {65, 0}, {50, 24}, {130, 60}, {129, 64}};
    for (int[] s : settings) {
      List<ChunkedClipRetargeter.RetargetedFrame> out = run(frames, s[0], s[1]);
      assertThat(out).as("chunk %d overlap %d", s[0], s[1]).hasSize(130);
      for (int k = 0; k < out.size(); k++) {
        assertThat(out.get(k).stepIndex()).isEqualTo(k);
        assertThat(out.get(k).input().frameIndex()).isEqualTo(frames.get(k).frameIndex());
        assertThat(out.get(k).output().frameIndex()).isEqualTo(frames.get(k).frameIndex());
      }
    }
  }

  @Test
  void chunkedMatchesUnchunkedWithinATightTolerance() {
    List<PoseFrame> frames = RetargetTestInputs.rightHandFrames();
    List<ChunkedClipRetargeter.RetargetedFrame> whole = run(frames, 10_000, 60);
    List<ChunkedClipRetargeter.RetargetedFrame> chunked = run(frames, 150, 60);
    double worstJoint = 0;
    double worstError = 0;
    for (int k = 0; k < whole.size(); k++) {
      double[] a = whole.get(k).joints();
      double[] b = chunked.get(k).joints();
      for (int j = 0; j < a.length; j++) {
        worstJoint = Math.max(worstJoint, Math.abs(a[j] - b[j]));
      }
      assertThat(chunked.get(k).mask()).isEqualTo(whole.get(k).mask());
      worstError = Math.max(worstError, Math.abs(whole.get(k).output().vectorErrorMm()
          - chunked.get(k).output().vectorErrorMm()));
    }
    System.out.printf("chunked vs unchunked: max joint difference %.3g rad, max vector error difference %.3g mm%n",
        worstJoint, worstError);
    assertThat(worstJoint).isLessThan(TOLERANCE_RAD);
    assertThat(worstError).isLessThan(TOLERANCE_MM);
  }

  static final double TOLERANCE_RAD = 1e-9;
  static final double TOLERANCE_MM = 1e-9;

  @Test
  void framesWithoutAUsableHandAreEmittedUnmasked() {
    List<PoseFrame> frames = new ArrayList<>(RetargetTestInputs.rightHandFrames().subList(0, 90));
    double[] low = new double[21];
    java.util.Arrays.fill(low, 0.05);
    for (int k = 30; k < 35; k++) {
      frames.set(k, new PoseFrame(k, frames.get(k).ptsUs(), Map.of()));
    }
    for (int k = 50; k < 53; k++) {
      HandObservation h = frames.get(k).hands().get("right");
      frames.set(k, new PoseFrame(k, frames.get(k).ptsUs(), Map.of("right",
          new HandObservation("right", h.keypoints(), low))));
    }
    List<ChunkedClipRetargeter.RetargetedFrame> out = run(frames, 40, 10);
    assertThat(out).hasSize(90);
    for (ChunkedClipRetargeter.RetargetedFrame f : out) {
      int k = f.stepIndex();
      boolean absent = (k >= 30 && k < 35) || (k >= 50 && k < 53);
      boolean anyMasked = false;
      for (boolean m : f.mask()) {
        anyMasked |= m;
      }
      assertThat(anyMasked).as("frame %d", k).isEqualTo(!absent);
      assertThat(f.output().hands().get("right").present()).isEqualTo(!absent);
    }
  }

  @Test
  void badChunkSettingsAreRejected() {
    RetargetConfig config = RetargetTestInputs.neoConfig();
    assertThatThrownBy(() -> new ChunkedClipRetargeter(config, 0, 0, null)).hasMessageContaining("chunk_frames");
    assertThatThrownBy(() -> new ChunkedClipRetargeter(config, 10, 5, null)).hasMessageContaining("overlap_frames");
  }
}
