package ai.curate.retargeting.retarget;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Time per hand-frame of the per-frame solver (computeTargets + solve, warm-started) on the real
 * fixture keypoints, single thread. Not a test (no timing assertions in tests): run by hand, e.g.
 * <pre>
 *   mvn -o -q -pl retargeting -am test-compile
 *   taskset -c 0 java -cp retargeting/target/classes:retargeting/target/test-classes:$(deps) \
 *     ai.curate.retargeting.retarget.RetargetBenchmark
 * </pre>
 * from the checkout, with transforms/target/test-classes (ai.curate.testing.Fixtures) in $(deps); the fixtures come
 * from CURATE_FIXTURES (default ../shared/fixtures).
 */
public final class RetargetBenchmark {
  private RetargetBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path tmp = Files.createTempDirectory("retarget-bench");
    report("Neo right hand (22 DoF, 10 vectors + 2 pinch pairs)", RetargetConfig.load(RetargetFixtures.neoConfig()));
    report("Allegro right hand (16 DoF, 4 vectors)", RetargetConfig.load(RetargetFixtures.allegroConfig(tmp)));
    tenMinuteClip(RetargetConfig.load(RetargetFixtures.neoConfig()));
  }

  /** A 10-minute, 30 fps clip (the fixture looped) streamed through ClipRetargeter; heap after GC before and after. */
  private static void tenMinuteClip(RetargetConfig config) {
    int frames = 10 * 60 * 30;
    List<ai.curate.retargeting.pose.PoseFrame> source = RetargetFixtures.frames("right", false);
    java.util.Iterator<ai.curate.retargeting.pose.PoseFrame> it = new java.util.Iterator<>() {
      int k;

      @Override
      public boolean hasNext() {
        return k < frames;
      }

      @Override
      public ai.curate.retargeting.pose.PoseFrame next() {
        ai.curate.retargeting.pose.PoseFrame f = source.get(k % source.size());
        ai.curate.retargeting.pose.PoseFrame out = new ai.curate.retargeting.pose.PoseFrame(k, k * 33333L, f.hands());
        k++;
        return out;
      }
    };
    long before = usedHeapAfterGc();
    long[] count = {0};
    long t0 = System.nanoTime();
    ClipSummary s = new ClipRetargeter(config).retarget(it, KeypointFrame.WRIST, f -> count[0]++);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long after = usedHeapAfterGc();
    System.out.printf(
        "10-minute Neo clip (%d frames, both hands configured): %.1f s, %d output frames, mean error %.2f mm, "
            + "heap after GC %d MB before, %d MB after%n",
        frames, seconds, count[0],
        s.hands().get("right").vectorErrorMmMean(), before >> 20, after >> 20);
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static void report(String label, RetargetConfig config) {
    VectorRetargeter r = new VectorRetargeter(config, config.hands().get(0));
    List<double[]> frames = RetargetFixtures.humanKeypoints();
    double[] targets = new double[r.targetSize()];
    for (int pass = 0; pass < 20; pass++) {
      r.reset();
      for (double[] f : frames) {
        r.computeTargets(f, targets, 0);
        r.solve(targets, 0);
      }
    }
    int passes = 10;
    long[] ns = new long[passes * frames.size()];
    long iterations = 0;
    int k = 0;
    for (int pass = 0; pass < passes; pass++) {
      r.reset();
      for (double[] f : frames) {
        long t0 = System.nanoTime();
        r.computeTargets(f, targets, 0);
        r.solve(targets, 0);
        ns[k++] = System.nanoTime() - t0;
        iterations += r.lastIterations();
      }
    }
    Arrays.sort(ns);
    System.out.printf("%s: median %.3f ms, p90 %.3f ms, p99 %.3f ms per hand-frame; %.2f iterations per frame%n",
        label, ns[ns.length / 2] / 1e6, ns[(int) (ns.length * 0.9)] / 1e6, ns[(int) (ns.length * 0.99)] / 1e6,
        (double) iterations / ns.length);
  }
}
