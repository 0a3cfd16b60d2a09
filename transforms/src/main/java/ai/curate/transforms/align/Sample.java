package ai.curate.transforms.align;

import java.util.Arrays;
import java.util.Objects;

/**
 * One input sample, already on the robot clock.
 *
 * @param seq position in file order within (episode, stream); breaks ties between samples with the same ts
 *     (the last in file order wins) and detects out-of-order input. Must be unique within (episode, stream).
 * @param values the sample's values; null, or any NaN/infinite element, makes the sample missing
 */
public record Sample(String episodeId, String stream, long tsNs, long seq, double[] values) {

  @Override
  public boolean equals(Object o) {
    return o instanceof Sample s && tsNs == s.tsNs && seq == s.seq && Objects.equals(episodeId, s.episodeId)
        && Objects.equals(stream, s.stream) && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(episodeId, stream, tsNs, seq) * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Sample[" + episodeId + "/" + stream + " ts=" + tsNs + " seq=" + seq + " " + Arrays.toString(values) + "]";
  }
}
