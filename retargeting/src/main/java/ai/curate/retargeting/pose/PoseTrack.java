package ai.curate.retargeting.pose;

import java.io.Serializable;
import java.util.List;

/**
 * A parsed {@code pose.jsonl}.
 *
 * @param frames valid lines, one per frame index, sorted by frame index; of several lines with the same frame index the
 *     last in the file wins (the rule the project uses for duplicate timestamps)
 * @param lines non-blank lines read
 * @param errors lines that were not used
 * @param duplicateFrames valid lines replaced by a later line with the same frame index
 */
public record PoseTrack(List<PoseLine> frames, int lines, List<PoseLineError> errors, int duplicateFrames)
    implements
      Serializable {}
