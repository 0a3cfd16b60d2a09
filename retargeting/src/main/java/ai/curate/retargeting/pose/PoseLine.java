package ai.curate.retargeting.pose;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One valid line of {@code pose.jsonl}; {@code lineNumber} (1-based) says where it came from.
 *
 * @param ptsUs presentation time in microseconds; null only from the strict reader, where it is optional
 * @param hands at most one a side, in file order
 * @param body the optional body keypoints, or null
 */
public record PoseLine(int lineNumber, int frameIndex, Long ptsUs, List<HandObservation> hands, PoseBody body)
    implements
      Serializable {

  /** The frame the retargeter consumes: the hands by side. */
  public PoseFrame toFrame() {
    Map<String, HandObservation> bySide = new LinkedHashMap<>();
    for (HandObservation h : hands) {
      bySide.put(h.side(), h);
    }
    return new PoseFrame(frameIndex, ptsUs, bySide);
  }
}
