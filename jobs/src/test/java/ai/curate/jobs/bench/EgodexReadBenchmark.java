package ai.curate.jobs.bench;

import ai.curate.jobs.human.egodex.EgodexReader;
import ai.curate.jobs.human.egodex.EgodexRecording;
import ai.curate.jobs.sample.SampleGenerator;
import ai.curate.jobs.sample.SampleOptions;
import ai.curate.jobs.sample.SampleReport;
import ai.curate.retargeting.pose.PoseJsonlReader;
import ai.curate.retargeting.pose.PoseLine;
import ai.curate.retargeting.pose.PoseTrack;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/**
 * EgoDex pose read cost (docs/benchmarks.md, "EgoDex pose read"): one generated recording of {@code --minutes} at
 * 30 Hz, its pose read from the EgoDex HDF5 file ({@link EgodexReader}: 51 chunked, gzip-compressed N x 4 x 4
 * transforms and 50 confidence datasets, every hand keypoint turned into the camera frame) next to the same keypoints
 * read from the clip folder's pose.jsonl ({@link PoseJsonlReader}), alternating, on one thread, in one JVM. Cost is
 * the reading thread's CPU time; the figure is pose frames per second per core. Both sides touch every keypoint.
 *
 * <pre>
 * bin/bench egodex-read [--minutes 10] [--rounds 3] [--work /tmp/curate-egodex-bench]
 * </pre>
 */
public final class EgodexReadBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private EgodexReadBenchmark() {}

  public static void main(String[] args) throws Exception {
    double minutes = 10;
    int rounds = 3;
    Path work = Path.of("/tmp/curate-egodex-bench");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--minutes" -> minutes = Double.parseDouble(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (--minutes M, --rounds N, --work DIR)");
      }
    }
    LocalDate date = LocalDate.parse("2026-01-15");
    Path urdf = Path.of("configs/robots/neo/neo.urdf").toAbsolutePath();
    long started = System.nanoTime();
    SampleOptions options = new SampleOptions(work.resolve("clip"), date, 0, 1, 3, 1.0, minutes * 60, false, urdf, 2);
    SampleReport folder = new SampleGenerator().generate(options);
    SampleReport egodex = new SampleGenerator().generate(new SampleOptions(work.resolve("egodex"), date, 0, 1, 3, 1.0,
        minutes * 60, false, urdf, 2).withHumanFormat(SampleOptions.HumanFormat.EGODEX));
    Path jsonl = work.resolve("clip").resolve(folder.clips().get(0).path()).resolve("pose.jsonl");
    Path hdf5 = work.resolve("egodex").resolve(egodex.clips().get(0).path());
    int frames = folder.clips().get(0).frames();
    System.out.printf(Locale.ROOT, "recording: %.1f min, %d frames at 30 Hz (generated in %.0f s)%n", minutes,
        frames, (System.nanoTime() - started) / 1e9);
    System.out.printf(Locale.ROOT, "  pose.jsonl %.1f MB; EgoDex HDF5 %.1f MB (float64 transforms, gzip chunks of 64"
        + " frames; EgoDex itself ships float32)%n", Files.size(jsonl) / 1e6, Files.size(hdf5) / 1e6);

    double jsonlCpu = 0;
    double hdf5Cpu = 0;
    double check = 0;
    for (int r = 0; r <= rounds; r++) {
      long t0 = THREADS.getCurrentThreadCpuTime();
      PoseTrack track;
      try (Reader reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
        track = PoseJsonlReader.lenient(reader, PoseJsonlReader.DEFAULT_MAX_LINE_BYTES);
      }
      double sumJsonl = 0;
      for (PoseLine line : track.frames()) {
        for (var hand : line.hands()) {
          for (double v : hand.keypoints()) {
            sumJsonl += v;
          }
        }
      }
      long t1 = THREADS.getCurrentThreadCpuTime();
      EgodexRecording recording = EgodexReader.read(hdf5);
      double sumHdf5 = 0;
      for (double[] side : recording.keypoints().values()) {
        for (double v : side) {
          sumHdf5 += v;
        }
      }
      long t2 = THREADS.getCurrentThreadCpuTime();
      if (track.frames().size() != frames || recording.frames() != frames) {
        throw new IllegalStateException("read " + track.frames().size() + " and " + recording.frames()
            + " frames, expected " + frames);
      }
      check += sumJsonl - sumHdf5;
      if (r == 0) {
        continue; // warm-up round: class loading and JIT
      }
      jsonlCpu += (t1 - t0) / 1e9;
      hdf5Cpu += (t2 - t1) / 1e9;
    }
    double jsonlRate = frames * rounds / jsonlCpu;
    double hdf5Rate = frames * rounds / hdf5Cpu;
    System.out.printf(Locale.ROOT, "pose.jsonl   %8.0f frames/s per core  (%.3f CPU-s a read)%n", jsonlRate,
        jsonlCpu / rounds);
    System.out.printf(Locale.ROOT, "EgoDex HDF5  %8.0f frames/s per core  (%.3f CPU-s a read)%n", hdf5Rate,
        hdf5Cpu / rounds);
    System.out.printf(Locale.ROOT, "HDF5 / pose.jsonl speed: %.2fx; keypoint sums differ by %.3g m over %d rounds%n",
        hdf5Rate / jsonlRate, check, rounds + 1);
  }
}
