package ai.curate.transforms.align;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One-pass sort-merge of one (episode, stream, bucket) group: consumes samples and grid points in time order and
 * emits one {@link AlignedStep} per grid point. Memory is bounded by what fits in one max gap (the samples of a
 * window, the grid points waiting for their next sample), never by the length of the episode or bucket.
 *
 * <p>Required input order: by ts; at equal ts all samples before all grid points; samples of equal ts by seq.
 * Samples at equal ts are buffered until a later event, so the last in file order wins before anything uses them.
 */
final class StreamMerger {

  private record Committed(long ts, long seq, SampleValues sampleValues) {
    double[] values() {
      return sampleValues.doubles();
    }
  }

  private record Waiting(long stepIndex, long t, Committed prev) {}

  private final String episodeId;
  private final String stream;
  private final long bucket;
  private final AlignMethod method;
  private final long gap;
  private final Consumer<AlignedStep> sink;
  private final String where;

  private long lastEventTs = Long.MIN_VALUE;
  private boolean lastEventWasGrid;

  /** The newest usable sample, not yet final: a later sample with the same ts would replace it. */
  private Committed pending;
  /** The newest final usable sample at or before the current position. */
  private Committed prev;
  /** LINEAR/NEAREST grid points that still need the first usable sample after their t. */
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  /** WINDOW_*: final usable samples that a later grid point's window can still contain. */
  private final ArrayDeque<Committed> window = new ArrayDeque<>();

  private long ownedSamples;
  private long missingSamples;
  private long duplicateSamples;
  private long outOfOrderPairs;
  private long firstOwnedSeq;
  private long lastOwnedSeq;

  StreamMerger(String episodeId, String stream, long bucket, StreamPolicy policy, Consumer<AlignedStep> sink) {
    this.episodeId = episodeId;
    this.stream = stream;
    this.bucket = bucket;
    this.method = policy.method();
    this.gap = policy.maxGapNs();
    this.sink = sink;
    this.where = "for stream '" + stream + "' in episode '" + episodeId + "'";
  }

  /**
   * @param owned whether this bucket is the sample's home bucket (counts it in the statistics); copies from
   *     neighbouring buckets take part in the merge only
   */
  void sample(long ts, long seq, double[] values, boolean owned) {
    sample(ts, seq, SampleValues.ofDoubles(values), owned);
  }

  /** {@link #sample(long, long, double[], boolean)} with values converted only if a step uses them. */
  void sample(long ts, long seq, SampleValues values, boolean owned) {
    if (ts < lastEventTs || (ts == lastEventTs && lastEventWasGrid)) {
      throw outOfOrderEvent("sample", ts);
    }
    lastEventTs = ts;
    lastEventWasGrid = false;
    boolean usable = values != null && values.usable();
    if (owned) {
      if (ownedSamples == 0) {
        firstOwnedSeq = seq;
      } else if (seq < lastOwnedSeq) {
        outOfOrderPairs++;
      }
      lastOwnedSeq = seq;
      ownedSamples++;
      if (!usable) {
        missingSamples++;
      }
    }
    if (!usable) {
      return;
    }
    if (pending != null && pending.ts() == ts) {
      if (owned) {
        duplicateSamples++;
      }
      pending = new Committed(ts, seq, values);
      return;
    }
    commitPending();
    pending = new Committed(ts, seq, values);
  }

  void gridPoint(long t, long stepIndex) {
    if (t < lastEventTs) {
      throw outOfOrderEvent("grid point", t);
    }
    lastEventTs = t;
    lastEventWasGrid = true;
    commitPending();
    // Every later sample has ts > t, so a waiting point at least one max gap behind has no usable next sample.
    while (!waiting.isEmpty() && t - waiting.peekFirst().t() >= gap) {
      resolve(waiting.pollFirst(), null);
    }
    switch (method) {
      case PREVIOUS :
        sink.accept(prev != null && t - prev.ts() <= gap ? single(stepIndex, t, prev) : invalid(stepIndex, t));
        break;
      case LINEAR :
        if (prev != null && prev.ts() == t) {
          sink.accept(single(stepIndex, t, prev));
        } else if (prev != null && t - prev.ts() <= gap) {
          waiting.addLast(new Waiting(stepIndex, t, prev));
        } else {
          sink.accept(invalid(stepIndex, t));
        }
        break;
      case NEAREST :
        if (prev != null && prev.ts() == t) {
          sink.accept(single(stepIndex, t, prev));
        } else {
          waiting.addLast(new Waiting(stepIndex, t, prev != null && t - prev.ts() <= gap ? prev : null));
        }
        break;
      case WINDOW_MEAN :
      case WINDOW_MAX :
        evictWindow(t);
        sink.accept(windowAggregate(stepIndex, t));
        break;
      default :
        throw new IllegalStateException("Unhandled alignment method " + method);
    }
  }

  /** Ends the group: resolves what still waits and returns the statistics of owned samples (null if none). */
  BucketStats finish() {
    commitPending();
    while (!waiting.isEmpty()) {
      resolve(waiting.pollFirst(), null);
    }
    if (ownedSamples == 0) {
      return null;
    }
    return new BucketStats(episodeId, stream, bucket, ownedSamples, missingSamples, duplicateSamples,
        outOfOrderPairs, firstOwnedSeq, lastOwnedSeq);
  }

  private void commitPending() {
    if (pending == null) {
      return;
    }
    Committed next = pending;
    pending = null;
    while (!waiting.isEmpty()) {
      resolve(waiting.pollFirst(), next);
    }
    prev = next;
    if (method.isWindow()) {
      window.addLast(next);
      // Later grid points have t >= next.ts, so their windows (t - gap, t] exclude ts <= next.ts - gap.
      evictWindow(next.ts());
    }
  }

  private void evictWindow(long t) {
    while (!window.isEmpty() && window.peekFirst().ts() <= t - gap) {
      window.pollFirst();
    }
  }

  private void resolve(Waiting w, Committed next) {
    Committed nextInGap = next != null && next.ts() - w.t() <= gap ? next : null;
    if (method == AlignMethod.LINEAR) {
      if (nextInGap == null) {
        sink.accept(invalid(w.stepIndex(), w.t()));
        return;
      }
      Committed p = w.prev();
      double[] values = AlignMath.linear(p.ts(), p.values(), nextInGap.ts(), nextInGap.values(), w.t(), where);
      long staleness = Math.max(w.t() - p.ts(), nextInGap.ts() - w.t());
      sink.accept(new AlignedStep(episodeId, w.stepIndex(), w.t(), stream, values, true, staleness, 2, p.seq()));
      return;
    }
    Committed p = w.prev();
    if (p != null && (nextInGap == null || w.t() - p.ts() <= nextInGap.ts() - w.t())) {
      sink.accept(single(w.stepIndex(), w.t(), p));
    } else if (nextInGap != null) {
      sink.accept(single(w.stepIndex(), w.t(), nextInGap));
    } else {
      sink.accept(invalid(w.stepIndex(), w.t()));
    }
  }

  private AlignedStep windowAggregate(long stepIndex, long t) {
    if (window.isEmpty()) {
      return invalid(stepIndex, t);
    }
    List<double[]> values = new ArrayList<>(window.size());
    for (Committed c : window) {
      values.add(c.values());
    }
    Committed newest = window.peekLast();
    double[] aggregate = method == AlignMethod.WINDOW_MEAN
        ? AlignMath.mean(values, where)
        : AlignMath.max(values, where);
    return new AlignedStep(episodeId, stepIndex, t, stream, aggregate, true, t - newest.ts(), values.size(),
        newest.seq());
  }

  private AlignedStep single(long stepIndex, long t, Committed c) {
    return new AlignedStep(episodeId, stepIndex, t, stream, c.values(), true, Math.abs(t - c.ts()), 1, c.seq());
  }

  private AlignedStep invalid(long stepIndex, long t) {
    return AlignedStep.invalid(episodeId, stepIndex, t, stream);
  }

  private IllegalStateException outOfOrderEvent(String what, long ts) {
    return new IllegalStateException("Alignment merge received a " + what + " at ts " + ts + " after an event at ts "
        + lastEventTs + " " + where + " (bucket " + bucket + "): events must be sorted by ts, samples before grid "
        + "points; this is a bug in the caller of StreamMerger");
  }
}
