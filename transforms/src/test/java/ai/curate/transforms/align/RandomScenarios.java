package ai.curate.transforms.align;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random alignment inputs meant to hit every edge at once: random rates and jitter, dropouts longer than
 * the max gap, clock offsets (negative times and times near 2^60 included), NaN and null samples, duplicate
 * timestamps, out-of-order file order, grid points on sample times, duplicated grid times, and buckets shorter
 * than the max gap (samples copied into several buckets).
 */
final class RandomScenarios {
  private RandomScenarios() {}

  record Scenario(long seed, List<Sample> samples, List<GridPoint> grid, AlignmentConfig config) {
    @Override
    public String toString() {
      return "scenario(seed=" + seed + ", samples=" + samples.size() + ", grid=" + grid.size() + ", " + config + ")";
    }
  }

  private static final AlignMethod[] METHODS = AlignMethod.values();
  private static final long MS = 1_000_000L;

  static Scenario generate(long seed) {
    return generate(seed, 1.0, METHODS);
  }

  /**
   * @param size scales episode durations (1 = a few hundred ms to 2 s)
   * @param methods the methods streams may use
   */
  static Scenario generate(long seed, double size, AlignMethod... methods) {
    SplittableRandom random = new SplittableRandom(seed);
    // Quantum: coarse quanta make exact grid hits and duplicate timestamps common.
    long quantum = pick(random, 1L, 1_000L, MS, 5 * MS);
    AlignmentConfig.Builder config = AlignmentConfig.builder()
        .bucketNs(pick(random, 3 * MS, 17 * MS, 100 * MS, 1_000 * MS, AlignmentConfig.DEFAULT_BUCKET_NS));
    int streamCount = 1 + random.nextInt(4);
    List<String> streams = new ArrayList<>();
    for (int i = 0; i < streamCount; i++) {
      AlignMethod method = methods[random.nextInt(methods.length)];
      long gap = method.isWindow() ? (1 + random.nextInt(60)) * MS : random.nextInt(60) * MS + random.nextInt(3);
      String name = "s" + i + "_" + method.name().toLowerCase();
      config.stream(name, new StreamPolicy(method, gap));
      streams.add(name);
    }
    List<Sample> samples = new ArrayList<>();
    List<GridPoint> grid = new ArrayList<>();
    int episodes = 1 + random.nextInt(3);
    for (int e = 0; e < episodes; e++) {
      String episode = "ep" + e;
      long start = pick(random, 0L, -5_000 * MS, 1_700_000_000_000_000_000L, (1L << 60) + 12_345)
          + random.nextLong(10_000 * MS);
      long duration = (long) ((200 + random.nextInt(1_800)) * MS * size);
      for (String stream : streams) {
        if (random.nextInt(12) == 0) {
          continue; // a stream with no samples in this episode
        }
        samples.addAll(streamSamples(random, episode, stream, start, duration, quantum));
      }
      grid.addAll(grid(random, episode, start, duration, quantum));
    }
    Collections.shuffle(samples, new java.util.Random(seed));
    return new Scenario(seed, samples, grid, config.build());
  }

  /**
   * Several scenarios as one input for one Spark job: episodes and streams prefixed with the seed, so every
   * scenario keeps its own policies (each grid step also gets rows for the other scenarios' streams, all invalid).
   */
  static Scenario combine(List<Scenario> scenarios, long bucketNs, int partitions) {
    List<Sample> samples = new ArrayList<>();
    List<GridPoint> grid = new ArrayList<>();
    AlignmentConfig.Builder config = AlignmentConfig.builder().bucketNs(bucketNs).partitions(partitions);
    for (Scenario s : scenarios) {
      String prefix = "k" + s.seed() + "_";
      s.config().policies().forEach((stream, policy) -> config.stream(prefix + stream, policy));
      for (Sample x : s.samples()) {
        samples.add(new Sample(prefix + x.episodeId(), prefix + x.stream(), x.tsNs(), x.seq(), x.values()));
      }
      for (GridPoint g : s.grid()) {
        grid.add(new GridPoint(prefix + g.episodeId(), g.stepIndex(), g.tsNs()));
      }
    }
    return new Scenario(scenarios.get(0).seed(), samples, grid, config.build());
  }

  private static List<Sample> streamSamples(SplittableRandom random, String episode, String stream, long start,
      long duration, long quantum) {
    double rateHz = pick(random, 5.0, 30.0, 50.0, 200.0, 500.0, 1000.0) * (0.8 + 0.4 * random.nextDouble());
    long period = (long) (1e9 / rateHz);
    double jitter = random.nextDouble() * 0.5;
    long offset = random.nextLong(-40 * MS, 40 * MS);
    int width = 1 + random.nextInt(3);
    double nanProbability = random.nextInt(3) == 0 ? 0.1 : 0.0;
    double duplicateProbability = random.nextInt(3) == 0 ? 0.1 : 0.0;
    List<Sample> timeOrder = new ArrayList<>();
    long t = start - 100 * MS;
    long dropoutUntil = Long.MIN_VALUE;
    long seq = 0;
    while (t < start + duration + 100 * MS) {
      if (random.nextInt(200) == 0) {
        dropoutUntil = t + random.nextLong(10 * MS, 300 * MS);
      }
      long ts = quantize(t + offset + (long) ((random.nextDouble() - 0.5) * jitter * period), quantum);
      if (ts >= dropoutUntil) {
        timeOrder.add(new Sample(episode, stream, ts, seq++, values(random, width, nanProbability)));
        if (random.nextDouble() < duplicateProbability) {
          timeOrder.add(new Sample(episode, stream, ts, seq++, values(random, width, nanProbability)));
        }
      }
      t += period;
    }
    // File order: mostly time order, with local swaps (late packets), then renumbered as seq.
    List<Sample> fileOrder = new ArrayList<>(timeOrder);
    if (random.nextInt(3) == 0) {
      for (int i = 0; i + 1 < fileOrder.size(); i++) {
        if (random.nextInt(20) == 0) {
          Collections.swap(fileOrder, i, i + 1 + random.nextInt(Math.min(5, fileOrder.size() - i - 1)));
        }
      }
    }
    List<Sample> result = new ArrayList<>(fileOrder.size());
    for (int i = 0; i < fileOrder.size(); i++) {
      Sample s = fileOrder.get(i);
      result.add(new Sample(s.episodeId(), s.stream(), s.tsNs(), i, s.values()));
    }
    return result;
  }

  private static double[] values(SplittableRandom random, int width, double nanProbability) {
    if (nanProbability > 0 && random.nextDouble() < nanProbability / 5) {
      return null;
    }
    double[] values = new double[width];
    for (int i = 0; i < width; i++) {
      values[i] = random.nextDouble() < nanProbability ? Double.NaN : (random.nextDouble() - 0.5) * 200;
    }
    return values;
  }

  private static List<GridPoint> grid(SplittableRandom random, String episode, long start, long duration,
      long quantum) {
    double rateHz = pick(random, 10.0, 30.0, 50.0, 60.0) * (0.9 + 0.2 * random.nextDouble());
    long period = (long) (1e9 / rateHz);
    double jitter = random.nextInt(2) == 0 ? 0 : random.nextDouble() * 0.3;
    List<GridPoint> grid = new ArrayList<>();
    long step = 0;
    for (long t = start; t <= start + duration; t += period) {
      if (random.nextInt(15) == 0) {
        continue; // a dropped frame of the grid camera
      }
      long ts = quantize(t + (long) ((random.nextDouble() - 0.5) * jitter * period), quantum);
      grid.add(new GridPoint(episode, step++, ts));
      if (random.nextInt(40) == 0) {
        grid.add(new GridPoint(episode, step++, ts));
      }
    }
    return grid;
  }

  private static long quantize(long ts, long quantum) {
    return Math.floorDiv(ts, quantum) * quantum;
  }

  @SafeVarargs
  private static <T> T pick(SplittableRandom random, T... options) {
    return options[random.nextInt(options.length)];
  }
}
