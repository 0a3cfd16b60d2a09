package ai.curate.retargeting.pose;

import java.util.Map;

/**
 * One line of a clip's pose.jsonl (docs/raw-formats.md): the hands seen in one video frame.
 *
 * @param ptsUs presentation time in microseconds, or null when the line has none
 */
public record PoseFrame(int frameIndex, Long ptsUs, Map<String, HandObservation> hands) {}
