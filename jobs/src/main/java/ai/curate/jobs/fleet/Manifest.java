package ai.curate.jobs.fleet;

import java.io.Serializable;
import java.util.List;

/**
 * A parsed {@code manifest.json} (docs/raw-formats.md). {@code json} is the manifest text as uploaded, kept verbatim in
 * {@code bronze.sessions} so fields this reader does not model are not lost.
 */
public record Manifest(int formatVersion, String robotId, String robotModel, String sessionId, String softwareVersion,
    long startTsNs, long endTsNs, List<Stream> streams, List<Camera> cameras, String json) implements Serializable {

  /**
   * A stream entry.
   *
   * @param rateHz nominal rate, null when the manifest does not say
   * @param jointNames joint names in the order of the list elements (joint kinds), else empty
   * @param taxels tactile array size (tactile), else null
   */
  public record Stream(String name, StreamKind kind, String file, Double rateHz, long clockOffsetNs,
      List<String> jointNames, String frame, Integer taxels) implements Serializable {

    /**
     * Whether downstream stages can tell the hand of this stream: wrench and tactile streams are placed by
     * {@code left} or {@code right} in their name (align); other kinds need no side.
     */
    public boolean hasSide() {
      return (kind != StreamKind.WRENCH && kind != StreamKind.TACTILE) || name.contains("left")
          || name.contains("right");
    }

    /** Element count the manifest promises for each list column of this stream's kind. */
    public int width() {
      return switch (kind) {
        case JOINT_STATE, JOINT_COMMAND -> jointNames.size();
        case WRENCH -> 3;
        case TACTILE -> taxels;
        case CAMERA_FRAMES -> 0;
      };
    }
  }

  public record Camera(String name, String file, String framesFile, Double fps, long clockOffsetNs)
      implements
        Serializable {}
}
