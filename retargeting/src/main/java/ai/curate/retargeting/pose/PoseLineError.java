package ai.curate.retargeting.pose;

import java.io.Serializable;

/**
 * A {@code pose.jsonl} line that was not used, and why.
 *
 * @param tooLong whether the line was longer than the reader's line limit (skipped unread), else it was malformed
 */
public record PoseLineError(int lineNumber, String reason, boolean tooLong) implements Serializable {
  /** A malformed line. */
  public PoseLineError(int lineNumber, String reason) {
    this(lineNumber, reason, false);
  }

  @Override
  public String toString() {
    return "line " + lineNumber + ": " + reason;
  }
}
