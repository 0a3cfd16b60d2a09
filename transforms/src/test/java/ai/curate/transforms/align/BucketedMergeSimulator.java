package ai.curate.transforms.align;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spark plan of {@link Alignment} replayed in plain Java: copy samples into every bucket within reach, sort
 * events by (episode, stream, bucket, ts, kind, seq), run one {@link StreamMerger} per group, then combine the
 * bucket statistics as {@link AlignmentResult#streamStats()} does. Lets thousands of random cases exercise the
 * merge and the bucket edges in milliseconds; the Spark tests then check Spark runs the same plan.
 */
final class BucketedMergeSimulator {
  private BucketedMergeSimulator() {}

  private record Event(String episodeId, String stream, long bucket, long ts, int kind, long seq, boolean owned,
      double[] values) {}

  private static final Comparator<Event> EVENT_ORDER = Comparator.comparing(Event::episodeId)
      .thenComparing(Event::stream).thenComparingLong(Event::bucket).thenComparingLong(Event::ts)
      .thenComparingInt(Event::kind).thenComparingLong(Event::seq);

  static ReferenceAligner.Result align(List<Sample> samples, List<GridPoint> grid, AlignmentConfig config) {
    long bucketNs = config.bucketNs();
    List<Event> events = new ArrayList<>();
    for (Sample s : samples) {
      if (!config.hasStream(s.stream())) {
        continue;
      }
      long reach = config.policy(s.stream()).reachNs();
      long home = Math.floorDiv(s.tsNs(), bucketNs);
      for (long b = Math.floorDiv(s.tsNs() - reach, bucketNs); b <= Math.floorDiv(s.tsNs() + reach, bucketNs); b++) {
        events.add(new Event(s.episodeId(), s.stream(), b, s.tsNs(), 0, s.seq(), b == home, s.values()));
      }
    }
    for (GridPoint g : grid) {
      for (String stream : config.streams()) {
        events.add(new Event(g.episodeId(), stream, Math.floorDiv(g.tsNs(), bucketNs), g.tsNs(), 1, g.stepIndex(),
            true, null));
      }
    }
    events.sort(EVENT_ORDER);

    List<AlignedStep> steps = new ArrayList<>();
    List<BucketStats> bucketStats = new ArrayList<>();
    StreamMerger merger = null;
    Event groupStart = null;
    for (Event e : events) {
      if (groupStart == null || !e.episodeId().equals(groupStart.episodeId()) || !e.stream().equals(groupStart.stream())
          || e.bucket() != groupStart.bucket()) {
        if (merger != null) {
          addIfPresent(bucketStats, merger.finish());
        }
        groupStart = e;
        merger = new StreamMerger(e.episodeId(), e.stream(), e.bucket(), config.policy(e.stream()), steps::add);
      }
      if (e.kind() == 1) {
        merger.gridPoint(e.ts(), e.seq());
      } else {
        merger.sample(e.ts(), e.seq(), e.values(), e.owned());
      }
    }
    if (merger != null) {
      addIfPresent(bucketStats, merger.finish());
    }
    steps.sort(AlignedStep.ORDER);
    return new ReferenceAligner.Result(steps, combine(bucketStats));
  }

  private static void addIfPresent(List<BucketStats> list, BucketStats stats) {
    if (stats != null) {
      list.add(stats);
    }
  }

  private static List<StreamStats> combine(List<BucketStats> buckets) {
    Map<String, List<BucketStats>> byStream = new HashMap<>();
    for (BucketStats b : buckets) {
      byStream.computeIfAbsent(b.episodeId() + "\u0000" + b.stream(), k -> new ArrayList<>()).add(b);
    }
    List<StreamStats> result = new ArrayList<>();
    for (List<BucketStats> list : byStream.values()) {
      list.sort(Comparator.comparingLong(BucketStats::bucket));
      long samples = 0;
      long missing = 0;
      long duplicates = 0;
      long outOfOrder = 0;
      for (int i = 0; i < list.size(); i++) {
        BucketStats b = list.get(i);
        samples += b.samples();
        missing += b.missingSamples();
        duplicates += b.duplicateSamples();
        outOfOrder += b.outOfOrderPairs();
        if (i > 0 && b.firstSeq() < list.get(i - 1).lastSeq()) {
          outOfOrder++;
        }
      }
      result.add(new StreamStats(list.get(0).episodeId(), list.get(0).stream(), samples, missing, duplicates,
          outOfOrder));
    }
    result.sort(StreamStats.ORDER);
    return result;
  }
}
