package ai.curate.jobs.bench;

import ai.curate.jobs.video.FleetVideoAnalysis;
import ai.curate.jobs.video.FleetVideoAnalyzer;
import ai.curate.jobs.video.FleetVideoOptions;
import ai.curate.jobs.video.VideoAnalysisOptions;
import ai.curate.testing.Fixtures;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Fleet camera analysis cost (docs/benchmarks.md, "Fleet camera video"): the default packets mode (every packet
 * demuxed, key frames decoded) next to full decoding of every frame, on the same files in one JVM and one thread, as
 * CPU seconds per camera-hour.
 *
 * <pre>
 * bin/bench fleet-video [--minutes M] [--hd-minutes M] [--work DIR] [--rounds N] [FILE...]
 * </pre>
 *
 * Without files, one session of {@code M} minutes (default 30) is generated once under {@code --work} and its camera
 * videos (160 x 120) are measured, with the real 720p fixture video when the fixture folder is there and a 720p
 * camera-like video of {@code --hd-minutes} (default 5; made once by the ffmpeg CLI, 0 to skip). Rounds alternate the two
 * modes so that load from other processes hits both alike; the median round counts, after a warm-up pass.
 */
public final class FleetVideoBenchmark {
  private FleetVideoBenchmark() {}

  record Sample(double cpuSeconds, double wallSeconds, long frames, long decoded, List<String> flags) {}

  public static void main(String[] args) throws Exception {
    double minutes = 30;
    double hdMinutes = 5;
    Path work = Path.of("/tmp/curate-fleet-video-bench");
    int rounds = 3;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--minutes" -> minutes = Double.parseDouble(args[++i]);
        case "--hd-minutes" -> hdMinutes = Double.parseDouble(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> {
          if (args[i].startsWith("--")) {
            System.err.println("usage: FleetVideoBenchmark [--minutes M] [--hd-minutes M] [--work DIR] [--rounds N]"
                + " [FILE...]");
            System.exit(2);
          }
          files.add(Path.of(args[i]));
        }
      }
    }
    if (files.isEmpty()) {
      files.addAll(sampleVideos(work, minutes));
      Path fixture = Fixtures.dir().resolve("human_hand/human_hand_video.mp4");
      if (Files.isRegularFile(fixture)) {
        files.add(fixture);
      }
      if (hdMinutes > 0) {
        files.add(hdCamera(work, hdMinutes));
      }
    }
    FleetVideoAnalyzer packets = analyzer(FleetVideoOptions.PACKETS);
    FleetVideoAnalyzer full = analyzer(FleetVideoOptions.FULL);
    System.out.printf(Locale.ROOT, "%-22s %-8s %9s %9s %9s %10s %14s %8s  %s%n", "file", "mode", "frames",
        "decoded", "cpu-s", "wall-s", "cpu-s/cam-hour", "ratio", "flags");
    double totalPackets = 0;
    double totalFull = 0;
    double totalHours = 0;
    for (Path file : files) {
      measure(packets, file);
      measure(full, file);
      List<Sample> p = new ArrayList<>();
      List<Sample> f = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        f.add(measure(full, file));
        p.add(measure(packets, file));
      }
      Sample mp = median(p);
      Sample mf = median(f);
      double hours = durationHours(file, mf);
      String name = file.getParent().getFileName() + "/" + file.getFileName();
      name = name.length() > 22 ? name.substring(name.length() - 22) : name;
      print(name, "full", mf, hours, null);
      print(name, "packets", mp, hours, mf);
      totalPackets += mp.cpuSeconds();
      totalFull += mf.cpuSeconds();
      totalHours += hours;
    }
    System.out.printf(Locale.ROOT, "all files: %.3f camera-hours; full %.1f CPU-s per camera-hour, packets %.1f:"
        + " packets / full = %.3f%n", totalHours, totalFull / totalHours, totalPackets / totalHours,
        totalPackets / totalFull);
  }

  private static FleetVideoAnalyzer analyzer(String mode) {
    return new FleetVideoAnalyzer(VideoAnalysisOptions.defaults(), FleetVideoOptions.defaults().withMode(mode));
  }

  private static List<Path> sampleVideos(Path work, double minutes) throws IOException {
    Path raw = BenchSessions.generateOnce(work.resolve(String.format(Locale.ROOT, "raw-%.0fmin", minutes)), minutes);
    try (Stream<Path> all = Files.walk(raw)) {
      return all.filter(p -> p.toString().endsWith(".mp4") && p.getParent().getFileName().toString().equals("cameras"))
          .sorted().toList();
    }
  }

  /**
   * A 720p camera-like video made by the ffmpeg CLI: a moving test pattern with temporal sensor noise, H.264 (x264
   * veryfast), a key frame a second, no B-frames, as robot cameras record for low latency.
   */
  private static Path hdCamera(Path work, double minutes) throws IOException, InterruptedException {
    Path out = work.resolve(String.format(Locale.ROOT, "testsrc2-720p-%.0fmin.mp4", minutes));
    if (!Files.isRegularFile(out)) {
      Files.createDirectories(work);
      Path partial = work.resolve("partial-" + out.getFileName());
      Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
          String.format(Locale.ROOT, "testsrc2=size=1280x720:rate=30:duration=%.0f", minutes * 60), "-vf",
          "noise=alls=6:allf=t", "-c:v", "libx264", "-preset", "veryfast", "-g", "30", "-bf", "0", "-pix_fmt",
          "yuv420p", partial.toString()).inheritIO().start();
      if (p.waitFor() != 0) {
        throw new IOException("ffmpeg could not make " + out);
      }
      Files.move(partial, out);
    }
    return out;
  }

  private static Sample measure(FleetVideoAnalyzer analyzer, Path file) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    FleetVideoAnalysis a = analyzer.analyze(file);
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
    return new Sample(cpu, wall, a.packets().count(), a.frames().size(), a.flags());
  }

  private static double durationHours(Path file, Sample full) {
    // Frames over the measured rate would do too; the packet count at the declared rate is what a camera-hour is.
    try {
      FleetVideoAnalysis a = analyzer(FleetVideoOptions.PACKETS).analyze(file);
      Double fps = a.summary().timing().measuredFps();
      return fps == null ? 0 : full.frames() / fps / 3600.0;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void print(String file, String mode, Sample s, double hours, Sample baseline) {
    String ratio = baseline == null ? "" : String.format(Locale.ROOT, "%.3f", s.cpuSeconds() / baseline.cpuSeconds());
    System.out.printf(Locale.ROOT, "%-22s %-8s %9d %9d %9.2f %10.2f %14.1f %8s  %s%n", file, mode, s.frames(),
        s.decoded(), s.cpuSeconds(), s.wallSeconds(), s.cpuSeconds() / hours, ratio, s.flags());
  }

  private static Sample median(List<Sample> samples) {
    Sample[] sorted = samples.toArray(Sample[]::new);
    Arrays.sort(sorted, (a, b) -> Double.compare(a.cpuSeconds(), b.cpuSeconds()));
    return sorted[sorted.length / 2];
  }
}
