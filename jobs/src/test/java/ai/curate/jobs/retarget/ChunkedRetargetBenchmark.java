package ai.curate.jobs.retarget;

import ai.curate.retargeting.pose.PoseFrame;
import ai.curate.retargeting.retarget.KeypointFrame;
import java.util.Iterator;
import java.util.List;

/**
 * Time of the retarget stage's per-clip work (ChunkedClipRetargeter: solve, smooth, metrics, joint vectors) for a
 * 10-minute 30 fps clip (the real fixture looped), single thread, default chunking against one chunk. Not a test (no
 * timing assertions in tests): run by hand, see docs/benchmarks.md ("Retargeting").
 */
public final class ChunkedRetargetBenchmark {
  private ChunkedRetargetBenchmark() {}

  public static void main(String[] args) {
    int frames = 10 * 60 * 30;
    for (int round = 0; round < 3; round++) {
      run("one chunk", frames, frames, 0);
      run("chunks of 1800, overlap 60", frames, 1800, 60);
    }
  }

  private static void run(String label, int frames, int chunk, int overlap) {
    List<PoseFrame> source = RetargetTestInputs.rightHandFrames();
    Iterator<PoseFrame> it = new Iterator<>() {
      int k;

      @Override
      public boolean hasNext() {
        return k < frames;
      }

      @Override
      public PoseFrame next() {
        PoseFrame f = source.get(k % source.size());
        return new PoseFrame(k, Math.round(k++ * 1e6 / 30), f.hands());
      }
    };
    long t0 = System.nanoTime();
    double errorSum = 0;
    int count = 0;
    Iterator<ChunkedClipRetargeter.RetargetedFrame> out = new ChunkedClipRetargeter(RetargetTestInputs.neoConfig(),
        chunk, overlap, null).retarget(it, KeypointFrame.WRIST);
    while (out.hasNext()) {
      errorSum += out.next().output().vectorErrorMm();
      count++;
    }
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf("10-minute Neo clip, %s: %.2f s for %d frames (%.3f ms per hand-frame), mean error %.2f mm%n",
        label, s, count, s * 1000 / count, errorSum / count);
  }
}
