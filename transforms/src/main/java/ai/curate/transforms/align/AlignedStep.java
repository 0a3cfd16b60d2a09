package ai.curate.transforms.align;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * One stream's value at one grid step.
 *
 * @param values the aligned values; null when not valid
 * @param valid whether usable source samples were within the max gap
 * @param stalenessNs distance from t to the farthest source sample used (linear: the farther neighbour; window:
 *     the newest sample in the window, i.e. the age of the freshest information); null when not valid
 * @param sampleCount samples combined: 1 (exact hit, previous, nearest), 2 (linear), n (window), 0 invalid
 * @param sourceSeq seq of the sample used (linear: the earlier neighbour; window: the newest); null when invalid.
 *     For cameras with seq = frame_index this is the frame reference.
 */
public record AlignedStep(String episodeId, long stepIndex, long tsNs, String stream, double[] values,
    boolean valid, Long stalenessNs, int sampleCount, Long sourceSeq) {

  /** Output order used by tests and the reference: episode, step, stream. */
  public static final Comparator<AlignedStep> ORDER = Comparator.comparing(AlignedStep::episodeId)
      .thenComparingLong(AlignedStep::stepIndex).thenComparing(AlignedStep::stream);

  static AlignedStep invalid(String episodeId, long stepIndex, long tsNs, String stream) {
    return new AlignedStep(episodeId, stepIndex, tsNs, stream, null, false, null, 0, null);
  }

  /** Exact equality, doubles compared bit for bit (as {@link Arrays#equals(double[], double[])} does). */
  @Override
  public boolean equals(Object o) {
    return o instanceof AlignedStep s && stepIndex == s.stepIndex && tsNs == s.tsNs && valid == s.valid
        && sampleCount == s.sampleCount && Objects.equals(episodeId, s.episodeId)
        && Objects.equals(stream, s.stream) && Arrays.equals(values, s.values)
        && Objects.equals(stalenessNs, s.stalenessNs) && Objects.equals(sourceSeq, s.sourceSeq);
  }

  @Override
  public int hashCode() {
    return Objects.hash(episodeId, stepIndex, tsNs, stream, valid, stalenessNs, sampleCount, sourceSeq) * 31
        + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "AlignedStep[" + episodeId + "#" + stepIndex + " t=" + tsNs + " " + stream + " "
        + (valid
            ? Arrays.toString(values) + " staleness=" + stalenessNs + " n=" + sampleCount + " seq=" + sourceSeq
            : "invalid")
        + "]";
  }
}
