package ai.curate.transforms.align;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The specification of alignment as plain loops over in-memory lists: no Spark, no buckets, no streaming.
 * Deliberately simple (quadratic in places) so that it is obviously right; the Spark transform must agree with it
 * exactly. Use it for tests and small data only.
 */
public final class ReferenceAligner {
  private ReferenceAligner() {}

  /** Steps (one per grid point and configured stream) and per-(episode, stream) input statistics. */
  public record Result(List<AlignedStep> steps, List<StreamStats> stats) {}

  private static final Comparator<Sample> TIME_ORDER = Comparator.comparingLong(Sample::tsNs)
      .thenComparingLong(Sample::seq);

  public static Result align(List<Sample> samples, List<GridPoint> grid, AlignmentConfig config) {
    Map<String, List<Sample>> byKey = new TreeMap<>();
    for (Sample s : samples) {
      if (config.hasStream(s.stream())) {
        byKey.computeIfAbsent(key(s.episodeId(), s.stream()), k -> new ArrayList<>()).add(s);
      }
    }
    Map<String, List<Sample>> usableByKey = new TreeMap<>();
    List<StreamStats> stats = new ArrayList<>();
    for (List<Sample> group : byKey.values()) {
      List<Sample> sorted = new ArrayList<>(group);
      sorted.sort(TIME_ORDER);
      usableByKey.put(key(sorted.get(0).episodeId(), sorted.get(0).stream()), usableLastWins(sorted));
      stats.add(stats(sorted));
    }
    stats.sort(StreamStats.ORDER);

    List<AlignedStep> steps = new ArrayList<>();
    for (GridPoint g : grid) {
      for (String stream : config.streams()) {
        List<Sample> usable = usableByKey.getOrDefault(key(g.episodeId(), stream), List.of());
        steps.add(alignOne(g, stream, config.policy(stream), usable));
      }
    }
    steps.sort(AlignedStep.ORDER);
    return new Result(steps, stats);
  }

  private static String key(String episodeId, String stream) {
    return episodeId + "\u0000" + stream;
  }

  /** Missing samples dropped first; then of several samples with the same ts the last in file order wins. */
  private static List<Sample> usableLastWins(List<Sample> timeSorted) {
    List<Sample> usable = new ArrayList<>();
    for (Sample s : timeSorted) {
      if (!AlignMath.isUsable(s.values())) {
        continue;
      }
      if (!usable.isEmpty() && usable.get(usable.size() - 1).tsNs() == s.tsNs()) {
        usable.set(usable.size() - 1, s);
      } else {
        usable.add(s);
      }
    }
    return usable;
  }

  private static StreamStats stats(List<Sample> timeSorted) {
    long missing = 0;
    long duplicates = 0;
    long outOfOrder = 0;
    Sample lastUsable = null;
    for (int i = 0; i < timeSorted.size(); i++) {
      Sample s = timeSorted.get(i);
      if (i > 0 && s.seq() < timeSorted.get(i - 1).seq()) {
        outOfOrder++;
      }
      if (!AlignMath.isUsable(s.values())) {
        missing++;
        continue;
      }
      if (lastUsable != null && lastUsable.tsNs() == s.tsNs()) {
        duplicates++;
      }
      lastUsable = s;
    }
    Sample first = timeSorted.get(0);
    return new StreamStats(first.episodeId(), first.stream(), timeSorted.size(), missing, duplicates, outOfOrder);
  }

  private static AlignedStep alignOne(GridPoint g, String stream, StreamPolicy policy, List<Sample> usable) {
    long t = g.tsNs();
    long gap = policy.maxGapNs();
    String where = "for stream '" + stream + "' in episode '" + g.episodeId() + "' at ts " + t;
    Sample prev = null;
    Sample next = null;
    for (Sample s : usable) {
      if (s.tsNs() <= t) {
        prev = s;
      } else if (next == null) {
        next = s;
      }
    }
    boolean prevInGap = prev != null && t - prev.tsNs() <= gap;
    boolean nextInGap = next != null && next.tsNs() - t <= gap;
    boolean exact = prev != null && prev.tsNs() == t;
    switch (policy.method()) {
      case PREVIOUS :
        return prevInGap ? single(g, stream, prev) : AlignedStep.invalid(g.episodeId(), g.stepIndex(), t, stream);
      case LINEAR :
        if (exact) {
          return single(g, stream, prev);
        }
        if (prevInGap && nextInGap) {
          double[] values = AlignMath.linear(prev.tsNs(), prev.values(), next.tsNs(), next.values(), t, where);
          long staleness = Math.max(t - prev.tsNs(), next.tsNs() - t);
          return new AlignedStep(g.episodeId(), g.stepIndex(), t, stream, values, true, staleness, 2, prev.seq());
        }
        return AlignedStep.invalid(g.episodeId(), g.stepIndex(), t, stream);
      case NEAREST :
        if (prevInGap && (!nextInGap || t - prev.tsNs() <= next.tsNs() - t)) {
          return single(g, stream, prev);
        }
        if (nextInGap) {
          return single(g, stream, next);
        }
        return AlignedStep.invalid(g.episodeId(), g.stepIndex(), t, stream);
      case WINDOW_MEAN :
      case WINDOW_MAX :
        List<double[]> inWindow = new ArrayList<>();
        Sample newest = null;
        for (Sample s : usable) {
          if (s.tsNs() > t - gap && s.tsNs() <= t) {
            inWindow.add(s.values());
            newest = s;
          }
        }
        if (newest == null) {
          return AlignedStep.invalid(g.episodeId(), g.stepIndex(), t, stream);
        }
        double[] values = policy.method() == AlignMethod.WINDOW_MEAN
            ? AlignMath.mean(inWindow, where)
            : AlignMath.max(inWindow, where);
        return new AlignedStep(g.episodeId(), g.stepIndex(), t, stream, values, true, t - newest.tsNs(),
            inWindow.size(), newest.seq());
      default :
        throw new IllegalStateException("Unhandled alignment method " + policy.method());
    }
  }

  private static AlignedStep single(GridPoint g, String stream, Sample s) {
    return new AlignedStep(g.episodeId(), g.stepIndex(), g.tsNs(), stream, s.values(), true,
        Math.abs(g.tsNs() - s.tsNs()), 1, s.seq());
  }
}
