package ai.curate.jobs.human;

import java.io.Serializable;
import java.util.List;

/** One valid line of {@code pose.jsonl}; {@code lineNumber} (1-based) says where it came from. */
public record PoseFrame(int lineNumber, int frameIndex, long ptsUs, List<PoseHand> hands, PoseBody body)
    implements Serializable {
}
