package ai.curate.transforms.align;

/**
 * Input statistics of the samples one bucket owns (a sample's home bucket is floorDiv(ts, bucketNs); copies in
 * neighbouring buckets are not counted). Owned samples of consecutive buckets are consecutive in time order, so
 * per-stream totals are sums plus one out-of-order check per bucket boundary: first seq of a bucket below the last
 * seq of the previous non-empty bucket.
 */
public record BucketStats(String episodeId, String stream, long bucket, long samples, long missingSamples,
    long duplicateSamples, long outOfOrderPairs, long firstSeq, long lastSeq) {}
