package ai.curate.transforms.align;

import java.util.Comparator;

/**
 * Input quality of one (episode, stream).
 *
 * @param samples all samples, missing ones included
 * @param missingSamples samples with a null/NaN/infinite value (treated as missing)
 * @param duplicateSamples usable samples dropped because a later usable sample (file order) has the same ts
 * @param outOfOrderPairs adjacent pairs in time order (ties by seq) whose file order is reversed; 0 iff the
 *     input was already sorted by ts
 */
public record StreamStats(String episodeId, String stream, long samples, long missingSamples,
    long duplicateSamples, long outOfOrderPairs) {

  public static final Comparator<StreamStats> ORDER = Comparator.comparing(StreamStats::episodeId)
      .thenComparing(StreamStats::stream);

  public boolean outOfOrder() {
    return outOfOrderPairs > 0;
  }
}
