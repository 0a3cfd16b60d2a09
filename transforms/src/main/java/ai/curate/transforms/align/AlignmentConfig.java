package ai.curate.transforms.align;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to align and how: the policy of every stream to produce (streams without a policy are ignored), the time
 * bucket length that cuts long episodes into independent tasks, and optionally the number of shuffle partitions.
 *
 * @param policies stream name -> policy, in output order
 * @param bucketNs length of a time bucket; each bucket of each (episode, stream) is merged by one task, so a
 *     4-hour episode spreads over (4 h / bucket) x streams tasks. Samples within a policy's reach of a bucket
 *     edge are copied into both buckets, which keeps the result identical to the unbucketed one.
 * @param partitions shuffle partitions of the merge; 0 = let Spark decide (spark.sql.shuffle.partitions / AQE)
 */
public record AlignmentConfig(Map<String, StreamPolicy> policies, long bucketNs, int partitions)
    implements
      Serializable {

  /** One minute: ~180k samples per bucket for a full robot (500 Hz joints, 2 x 1 kHz wrench, ...). */
  public static final long DEFAULT_BUCKET_NS = 60_000_000_000L;

  public AlignmentConfig {
    if (policies == null || policies.isEmpty()) {
      throw new IllegalArgumentException("Alignment config has no streams: give at least one stream policy");
    }
    for (Map.Entry<String, StreamPolicy> e : policies.entrySet()) {
      if (e.getKey() == null || e.getKey().isBlank()) {
        throw new IllegalArgumentException("Alignment config has a stream with an empty name");
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException("Alignment config: stream '" + e.getKey() + "' has no policy");
      }
    }
    if (bucketNs <= 0) {
      throw new IllegalArgumentException("Alignment bucket length must be > 0 ns, got " + bucketNs);
    }
    long maxReach = maxReach(policies);
    if (EventLayout.bucketSpanNs(bucketNs, maxReach) > EventLayout.MAX_BUCKET_SPAN_NS) {
      throw new IllegalArgumentException(
          "Alignment bucket length (" + bucketNs + " ns) plus twice the largest max gap ("
              + maxReach + " ns) must be at most " + EventLayout.MAX_BUCKET_SPAN_NS + " ns (about 78 hours); use a "
              + "shorter bucket (the default is one minute) or smaller max gaps");
    }
    if (partitions < 0) {
      throw new IllegalArgumentException("Alignment partitions must be >= 0 (0 = Spark default), got " + partitions);
    }
    policies = Collections.unmodifiableMap(new LinkedHashMap<>(policies));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The configured stream names, in output order. */
  public List<String> streams() {
    return new ArrayList<>(policies.keySet());
  }

  public StreamPolicy policy(String stream) {
    StreamPolicy policy = policies.get(stream);
    if (policy == null) {
      throw new IllegalArgumentException("No alignment policy for stream '" + stream + "'; configured streams: "
          + policies.keySet());
    }
    return policy;
  }

  /** The largest reach of any stream: samples farther than this outside an episode cannot affect it. */
  public long maxReachNs() {
    return maxReach(policies);
  }

  private static long maxReach(Map<String, StreamPolicy> policies) {
    long max = 0;
    for (StreamPolicy p : policies.values()) {
      max = Math.max(max, p.reachNs());
    }
    return max;
  }

  public boolean hasStream(String stream) {
    return policies.containsKey(stream);
  }

  /** Assemble a config; stream order is insertion order. */
  public static final class Builder {
    private final Map<String, StreamPolicy> policies = new LinkedHashMap<>();
    private long bucketNs = DEFAULT_BUCKET_NS;
    private int partitions;

    public Builder stream(String name, StreamPolicy policy) {
      if (policies.containsKey(name)) {
        throw new IllegalArgumentException("Stream '" + name + "' is configured twice");
      }
      policies.put(name, policy);
      return this;
    }

    /** A stream with the default policy of its kind (docs/alignment.md). */
    public Builder stream(String name, StreamKind kind) {
      return stream(name, kind.defaultPolicy());
    }

    /** A camera stream: nearest frame within half a frame period. */
    public Builder camera(String name, double fps) {
      return stream(name, StreamPolicy.cameraDefault(fps));
    }

    public Builder bucketNs(long bucketNs) {
      this.bucketNs = bucketNs;
      return this;
    }

    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    public AlignmentConfig build() {
      return new AlignmentConfig(policies, bucketNs, partitions);
    }
  }
}
