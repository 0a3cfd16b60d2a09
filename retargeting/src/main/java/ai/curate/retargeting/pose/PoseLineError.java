package ai.curate.retargeting.pose;

import java.io.Serializable;

/** A {@code pose.jsonl} line that was not used, and why. */
public record PoseLineError(int lineNumber, String reason) implements Serializable {
  @Override
  public String toString() {
    return "line " + lineNumber + ": " + reason;
  }
}
