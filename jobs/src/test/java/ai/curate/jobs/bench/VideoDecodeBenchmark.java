package ai.curate.jobs.bench;

import ai.curate.jobs.video.VideoAnalysis;
import ai.curate.jobs.video.VideoAnalysisOptions;
import ai.curate.jobs.video.VideoAnalyzer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decode + frame-signal throughput of {@link VideoAnalyzer} against {@code ffmpeg -threads 1 -i F -f null -} on the
 * same files in one run, as frames per second of one core.
 *
 * <pre>
 * java -cp "$(cat cp.txt):jobs/target/classes:jobs/target/test-classes" ai.curate.jobs.bench.VideoDecodeBenchmark \
 *     [--rounds N] [--ffmpeg /usr/bin/ffmpeg] FILE...
 * </pre>
 *
 * Rounds alternate between the two so that load from other processes hits both alike; the median round counts. Rates
 * are given per CPU second (the thread's CPU time for the analyser; user + system time that ffmpeg's
 * {@code -benchmark} reports for the CLI) and per wall-clock second. A JVM warm-up pass runs first.
 */
public final class VideoDecodeBenchmark {
  private static final Pattern BENCH = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s rtime=([0-9.]+)s");

  private VideoDecodeBenchmark() {}

  record Sample(double cpuSeconds, double wallSeconds, int frames) {}

  public static void main(String[] args) throws Exception {
    int rounds = 5;
    String ffmpeg = "/usr/bin/ffmpeg";
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--ffmpeg" -> ffmpeg = args[++i];
        default -> files.add(Path.of(args[i]));
      }
    }
    if (files.isEmpty()) {
      System.err.println("usage: VideoDecodeBenchmark [--rounds N] [--ffmpeg PATH] FILE...");
      System.exit(2);
    }
    VideoAnalyzer full = new VideoAnalyzer(VideoAnalysisOptions.defaults());
    VideoAnalyzer keyframes = new VideoAnalyzer(VideoAnalysisOptions.defaults().withKeyframesOnly(true));
    System.out.printf(Locale.ROOT, "%-28s %-26s %7s %12s %12s %8s%n", "file", "decoder", "frames", "fps/cpu-s",
        "fps/wall-s", "ratio");
    for (Path file : files) {
      full.analyze(file);
      keyframes.analyze(file);
      List<Sample> ours = new ArrayList<>();
      List<Sample> cli = new ArrayList<>();
      List<Sample> triage = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        cli.add(ffmpeg(ffmpeg, file));
        ours.add(analyser(full, file));
        triage.add(analyser(keyframes, file));
      }
      Sample c = median(cli);
      Sample o = median(ours);
      Sample t = median(triage);
      String name = file.getFileName().toString();
      print(name, "ffmpeg -threads 1 null", c, null);
      print(name, "VideoAnalyzer (full)", o, c);
      print(name, "VideoAnalyzer (keyframes)", t, null);
      System.out.println("  (keyframes: frames covered per second; ratio = full analyser / ffmpeg, per CPU second)");
    }
  }

  private static void print(String file, String decoder, Sample s, Sample baseline) {
    double cpuRate = s.frames() / s.cpuSeconds();
    String ratio = baseline == null
        ? ""
        : String.format(Locale.ROOT, "%.2f", cpuRate / (baseline.frames() / baseline.cpuSeconds()));
    System.out.printf(Locale.ROOT, "%-28s %-26s %7d %12.1f %12.1f %8s%n", file, decoder, s.frames(), cpuRate,
        s.frames() / s.wallSeconds(), ratio);
  }

  private static Sample median(List<Sample> samples) {
    Sample[] sorted = samples.toArray(Sample[]::new);
    Arrays.sort(sorted, (a, b) -> Double.compare(a.cpuSeconds(), b.cpuSeconds()));
    return sorted[sorted.length / 2];
  }

  private static Sample analyser(VideoAnalyzer analyzer, Path file) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    VideoAnalysis analysis = analyzer.analyze(file);
    long wall = System.nanoTime() - wall0;
    long cpu = threads.getCurrentThreadCpuTime() - cpu0;
    // Triage decodes only key frames but covers the whole video: its rate counts the frames it covered.
    Long declared = analysis.summary().declared().declaredFrameCount();
    int frames = analyzer.options().keyframesOnly() && declared != null
        ? declared.intValue()
        : analysis.frames().size();
    return new Sample(cpu / 1e9, wall / 1e9, frames);
  }

  private static Sample ffmpeg(String ffmpeg, Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(ffmpeg, "-hide_banner", "-nostdin", "-benchmark", "-threads", "1", "-i",
        file.toString(), "-map", "0:v:0", "-f", "null", "-").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("ffmpeg failed on " + file + ":\n" + out);
    }
    Matcher bench = BENCH.matcher(out);
    if (!bench.find()) {
      throw new IllegalStateException("no -benchmark line in ffmpeg's output:\n" + out);
    }
    Matcher frames = Pattern.compile("frame=\\s*(\\d+)").matcher(out);
    int count = 0;
    while (frames.find()) {
      count = Integer.parseInt(frames.group(1));
    }
    return new Sample(Double.parseDouble(bench.group(1)) + Double.parseDouble(bench.group(2)),
        Double.parseDouble(bench.group(3)), count);
  }
}
