package ai.curate.transforms.gold.stats;

/** What gold.feature_stats shows of a {@link FeatureAccumulator}; NaN for an element without finite values. */
public record FeatureSummary(long count, double mean, double std, double min, double max, double[] quantiles,
    long nonFiniteCount) {}
