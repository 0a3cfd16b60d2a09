package ai.curate.jobs.bench;

import ai.curate.jobs.video.FaceBlurOptions;
import ai.curate.jobs.video.FaceBlurResult;
import ai.curate.jobs.video.FaceBlurrer;
import ai.curate.jobs.video.VideoAnalysisOptions;
import ai.curate.jobs.video.VideoAnalyzer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cost of the optional face-blur pass of {@code ingest-human}, next to the decode + signals analysis every clip gets
 * anyway, on the same file in one run, as frames per CPU second of one thread.
 *
 * <pre>
 * bin/bench face-blur [--rounds N] FILE...
 * </pre>
 *
 * Each round runs, one after the other: the analyser (the ingest baseline), the blur pass with the default detector
 * settings, and the blur pass detecting on 320-pixel-wide frames. The median round counts.
 */
public final class FaceBlurBenchmark {
  private FaceBlurBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = 3;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if ("--rounds".equals(args[i])) {
        rounds = Integer.parseInt(args[++i]);
      } else {
        files.add(Path.of(args[i]));
      }
    }
    if (files.isEmpty()) {
      System.err.println("usage: FaceBlurBenchmark [--rounds N] FILE...");
      System.exit(2);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    FaceBlurOptions defaults = FaceBlurOptions.defaults();
    FaceBlurOptions narrow = new FaceBlurOptions(defaults.cascade(), defaults.scaleFactor(), defaults.minNeighbors(),
        defaults.minFaceFraction(), 320, defaults.margin());
    Path out = Files.createTempFile("face-blur-bench", ".mp4");
    System.out
        .println("| file | pass | frames | frames/s per core (cpu) | wall s | frames with faces | cost vs analysis |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (Path file : files) {
      new VideoAnalyzer(VideoAnalysisOptions.defaults()).analyze(file); // warm-up: natives, JIT
      new FaceBlurrer(defaults).blur(file, out);
      double[][] cpu = new double[3][rounds];
      double[][] wall = new double[3][rounds];
      long[] frames = new long[3];
      long[] faces = new long[3];
      for (int r = 0; r < rounds; r++) {
        for (int pass = 0; pass < 3; pass++) {
          long c0 = threads.getCurrentThreadCpuTime();
          long w0 = System.nanoTime();
          if (pass == 0) {
            frames[0] = new VideoAnalyzer(VideoAnalysisOptions.defaults()).analyze(file).frames().size();
          } else {
            FaceBlurResult result = new FaceBlurrer(pass == 1 ? defaults : narrow).blur(file, out);
            frames[pass] = result.frames();
            faces[pass] = result.framesWithFaces();
          }
          cpu[pass][r] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
          wall[pass][r] = (System.nanoTime() - w0) / 1e9;
        }
      }
      String[] names = {"analysis (decode + signals, every ingested clip)", "face blur, detect_width 640 (default)",
          "face blur, detect_width 320"};
      double baseline = median(cpu[0]);
      for (int pass = 0; pass < 3; pass++) {
        double c = median(cpu[pass]);
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f | %.2f | %s | %.1fx |%n", file.getFileName(), names[pass],
            frames[pass], frames[pass] / c, median(wall[pass]), pass == 0 ? "" : String.valueOf(faces[pass]),
            c / baseline);
      }
    }
    Files.deleteIfExists(out);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
