package ai.curate.retargeting.pose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The one parser of a {@code pose.jsonl} line (docs/raw-formats.md), shared by the strict reader (the retarget tool stops at
 * the first bad line) and the lenient one (ingest-human skips and reports bad lines); see {@link PoseJsonlReader}.
 *
 * <p>A line: {@code frame_index} (integer, 0 or more), {@code pts_us} (integer), {@code hands} (array, empty when no
 * hand was found) of {@code {side: left|right, keypoints_3d: 21 x [x,y,z], confidence?: 21 numbers}} with at most one
 * hand a side, and an optional {@code body: {format?, keypoints_3d: K x [x,y,z]}}. All numbers finite. Numbers are
 * kept as doubles; the ingest rows narrow them to float.
 *
 * <p>{@code pts_us} must lie in [0, {@link #MAX_PTS_US}): downstream a frame's time is {@code pts_us * 1000}
 * nanoseconds ({@code silver.human_timesteps.ts_ns}, next to robot timestamps), so the range is the fleet side's
 * timestamp range, [1970-01-01, 2262-01-01) as epoch nanoseconds (jobs' {@code fleet/TimeBounds}), in microseconds:
 * no product or difference of two times can overflow a long.
 */
public final class PoseLineParser {
  /** 2262-01-01T00:00Z as epoch microseconds, exclusive: fleet/TimeBounds' largest timestamp divided by 1000. */
  public static final long MAX_PTS_US = 9_214_646_400_000_000L;

  private static final ObjectMapper JSON = new ObjectMapper();

  private PoseLineParser() {}

  /** Why one line was rejected; only the message travels on. */
  public static final class InvalidLine extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidLine(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The line, or why it is invalid. With {@code ptsOptional} a line may leave out {@code pts_us} (null): the
   * retarget tool then times frames by {@code metrics.fallback_fps}; ingest needs the timestamps to join the video.
   */
  public static PoseLine parse(int lineNumber, String line, boolean ptsOptional) throws InvalidLine {
    JsonNode root;
    try {
      root = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InvalidLine("not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidLine("must be a JSON object");
    }
    int frameIndex = nonNegativeInt(root, "frame_index");
    JsonNode pts = root.get("pts_us");
    Long ptsUs = ptsOptional && (pts == null || pts.isNull()) ? null : integer(root, "pts_us");
    if (ptsUs != null && (ptsUs < 0 || ptsUs >= MAX_PTS_US)) {
      throw new InvalidLine("\"pts_us\" must be in [0, " + MAX_PTS_US + ") microseconds (up to 2262-01-01), got "
          + ptsUs);
    }
    JsonNode handsNode = root.get("hands");
    if (handsNode == null || !handsNode.isArray()) {
      throw new InvalidLine("\"hands\" must be an array (empty when no hand is visible), got " + describe(handsNode));
    }
    List<HandObservation> hands = new ArrayList<>(handsNode.size());
    for (int h = 0; h < handsNode.size(); h++) {
      HandObservation hand = hand(handsNode.get(h), "hands[" + h + "]");
      for (HandObservation other : hands) {
        if (other.side().equals(hand.side())) {
          throw new InvalidLine("two hands with side \"" + hand.side() + "\"");
        }
      }
      hands.add(hand);
    }
    PoseBody body = null;
    JsonNode bodyNode = root.get("body");
    if (bodyNode != null && !bodyNode.isNull()) {
      if (!bodyNode.isObject()) {
        throw new InvalidLine("\"body\" must be an object, got " + describe(bodyNode));
      }
      JsonNode format = bodyNode.get("format");
      if (format != null && !format.isNull() && !format.isTextual()) {
        throw new InvalidLine("\"body.format\" must be a string");
      }
      body = new PoseBody(format == null || format.isNull() ? null : format.textValue(),
          points(bodyNode.get("keypoints_3d"), "body.keypoints_3d", -1));
    }
    return new PoseLine(lineNumber, frameIndex, ptsUs, List.copyOf(hands), body);
  }

  private static HandObservation hand(JsonNode node, String where) throws InvalidLine {
    if (node == null || !node.isObject()) {
      throw new InvalidLine("\"" + where + "\" must be an object");
    }
    JsonNode side = node.get("side");
    if (side == null || !side.isTextual() || !(side.textValue().equals("left") || side.textValue().equals("right"))) {
      throw new InvalidLine("\"" + where + ".side\" must be \"left\" or \"right\", got " + describe(side));
    }
    double[][] rows = points(node.get("keypoints_3d"), where + ".keypoints_3d", HandObservation.KEYPOINTS);
    double[] keypoints = new double[3 * HandObservation.KEYPOINTS];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, keypoints, 3 * i, 3);
    }
    double[] confidence = null;
    JsonNode conf = node.get("confidence");
    if (conf != null && !conf.isNull()) {
      if (!conf.isArray() || conf.size() != HandObservation.KEYPOINTS) {
        throw new InvalidLine("\"" + where + ".confidence\" must be " + HandObservation.KEYPOINTS + " numbers, got "
            + describe(conf));
      }
      confidence = new double[HandObservation.KEYPOINTS];
      for (int i = 0; i < HandObservation.KEYPOINTS; i++) {
        confidence[i] = finite(conf.get(i), where + ".confidence[" + i + "]");
      }
    }
    return new HandObservation(side.textValue(), keypoints, confidence);
  }

  /** {@code count} rows of x, y, z ({@code count < 0}: any number, at least one). */
  private static double[][] points(JsonNode node, String where, int count) throws InvalidLine {
    String expected = count < 0 ? "at least one [x, y, z]" : count + " [x, y, z] points";
    if (node == null || !node.isArray() || (count >= 0 ? node.size() != count : node.size() == 0)) {
      throw new InvalidLine("\"" + where + "\" must be " + expected + ", got " + describe(node));
    }
    double[][] out = new double[node.size()][];
    for (int i = 0; i < node.size(); i++) {
      JsonNode p = node.get(i);
      if (p == null || !p.isArray() || p.size() != 3) {
        throw new InvalidLine("\"" + where + "[" + i + "]\" must be [x, y, z], got " + describe(p));
      }
      out[i] = new double[] {finite(p.get(0), where), finite(p.get(1), where), finite(p.get(2), where)};
    }
    return out;
  }

  private static double finite(JsonNode n, String where) throws InvalidLine {
    if (n == null || !n.isNumber() || !Double.isFinite(n.doubleValue())) {
      throw new InvalidLine("\"" + where + "\" must hold finite numbers, found " + describe(n));
    }
    return n.doubleValue();
  }

  private static int nonNegativeInt(JsonNode root, String field) throws InvalidLine {
    JsonNode n = root.get(field);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 0) {
      throw new InvalidLine("\"" + field + "\" must be an integer >= 0, got " + describe(n));
    }
    return n.intValue();
  }

  private static long integer(JsonNode root, String field) throws InvalidLine {
    JsonNode n = root.get(field);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new InvalidLine("\"" + field + "\" must be an integer, got " + describe(n));
    }
    return n.longValue();
  }

  /** A JSON value for a message: its type and up to 40 characters of it ("nothing" when absent). */
  public static String describe(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    if (n.isArray()) {
      return "an array of " + n.size();
    }
    String text = n.toString();
    return n.getNodeType().name().toLowerCase() + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
  }
}
