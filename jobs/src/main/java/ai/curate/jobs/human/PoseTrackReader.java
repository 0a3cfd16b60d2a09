package ai.curate.jobs.human;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads {@code pose.jsonl} one line at a time (never the whole file at once). Each line is checked on its own: a bad
 * line becomes a {@link PoseLineError} naming the field, and the rest of the track is still used.
 *
 * <p>A line: {@code frame_index} (integer, 0 or more), {@code pts_us} (integer), {@code hands} (array, empty when no hand
 * was found) of {@code {side: left|right, keypoints_3d: 21 x [x,y,z], confidence?: 21 numbers}} with at most one hand a
 * side, and an optional {@code body: {format?, keypoints_3d: K x [x,y,z]}}. All numbers finite.
 */
public final class PoseTrackReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PoseTrackReader() {}

  public static PoseTrack read(BufferedReader reader) throws IOException {
    TreeMap<Integer, PoseFrame> byIndex = new TreeMap<>();
    List<PoseLineError> errors = new ArrayList<>();
    int lines = 0;
    int duplicates = 0;
    int lineNumber = 0;
    String line;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      lines++;
      try {
        PoseFrame frame = parseLine(lineNumber, line);
        if (byIndex.put(frame.frameIndex(), frame) != null) {
          duplicates++;
        }
      } catch (InvalidLine e) {
        errors.add(new PoseLineError(lineNumber, e.getMessage()));
      }
    }
    return new PoseTrack(List.copyOf(byIndex.values()), lines, List.copyOf(errors), duplicates);
  }

  static PoseFrame parseLine(int lineNumber, String line) throws InvalidLine {
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
    long ptsUs = integer(root, "pts_us");
    JsonNode handsNode = root.get("hands");
    if (handsNode == null || !handsNode.isArray()) {
      throw new InvalidLine("\"hands\" must be an array (empty when no hand is visible), got "
          + ClipMetadataParser.describe(handsNode));
    }
    List<PoseHand> hands = new ArrayList<>(handsNode.size());
    for (int h = 0; h < handsNode.size(); h++) {
      PoseHand hand = hand(handsNode.get(h), "hands[" + h + "]");
      for (PoseHand other : hands) {
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
        throw new InvalidLine("\"body\" must be an object, got " + ClipMetadataParser.describe(bodyNode));
      }
      JsonNode format = bodyNode.get("format");
      if (format != null && !format.isNull() && !format.isTextual()) {
        throw new InvalidLine("\"body.format\" must be a string");
      }
      body = new PoseBody(format == null || format.isNull() ? null : format.textValue(),
          points(bodyNode.get("keypoints_3d"), "body.keypoints_3d", -1));
    }
    return new PoseFrame(lineNumber, frameIndex, ptsUs, List.copyOf(hands), body);
  }

  private static PoseHand hand(JsonNode node, String where) throws InvalidLine {
    if (node == null || !node.isObject()) {
      throw new InvalidLine("\"" + where + "\" must be an object");
    }
    JsonNode side = node.get("side");
    if (side == null || !side.isTextual() || !(side.textValue().equals("left") || side.textValue().equals("right"))) {
      throw new InvalidLine("\"" + where + ".side\" must be \"left\" or \"right\", got "
          + ClipMetadataParser.describe(side));
    }
    float[][] keypoints = points(node.get("keypoints_3d"), where + ".keypoints_3d", PoseHand.KEYPOINTS);
    float[] confidence = null;
    JsonNode conf = node.get("confidence");
    if (conf != null && !conf.isNull()) {
      if (!conf.isArray() || conf.size() != PoseHand.KEYPOINTS) {
        throw new InvalidLine("\"" + where + ".confidence\" must be " + PoseHand.KEYPOINTS + " numbers, got "
            + ClipMetadataParser.describe(conf));
      }
      confidence = new float[PoseHand.KEYPOINTS];
      for (int i = 0; i < PoseHand.KEYPOINTS; i++) {
        confidence[i] = finite(conf.get(i), where + ".confidence[" + i + "]");
      }
    }
    return new PoseHand(side.textValue(), keypoints, confidence);
  }

  /** {@code count} rows of x, y, z ({@code count < 0}: any number, at least one). */
  private static float[][] points(JsonNode node, String where, int count) throws InvalidLine {
    String expected = count < 0 ? "at least one [x, y, z]" : count + " [x, y, z] points";
    if (node == null || !node.isArray() || (count >= 0 ? node.size() != count : node.size() == 0)) {
      throw new InvalidLine("\"" + where + "\" must be " + expected + ", got " + ClipMetadataParser.describe(node));
    }
    float[][] out = new float[node.size()][];
    for (int i = 0; i < node.size(); i++) {
      JsonNode p = node.get(i);
      if (p == null || !p.isArray() || p.size() != 3) {
        throw new InvalidLine("\"" + where + "[" + i + "]\" must be [x, y, z], got " + ClipMetadataParser.describe(p));
      }
      out[i] = new float[] {finite(p.get(0), where), finite(p.get(1), where), finite(p.get(2), where)};
    }
    return out;
  }

  private static float finite(JsonNode n, String where) throws InvalidLine {
    if (n == null || !n.isNumber() || !Double.isFinite(n.doubleValue())) {
      throw new InvalidLine("\"" + where + "\" must hold finite numbers, found " + ClipMetadataParser.describe(n));
    }
    return (float) n.doubleValue();
  }

  private static int nonNegativeInt(JsonNode root, String field) throws InvalidLine {
    JsonNode n = root.get(field);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 0) {
      throw new InvalidLine("\"" + field + "\" must be an integer >= 0, got " + ClipMetadataParser.describe(n));
    }
    return n.intValue();
  }

  private static long integer(JsonNode root, String field) throws InvalidLine {
    JsonNode n = root.get(field);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new InvalidLine("\"" + field + "\" must be an integer, got " + ClipMetadataParser.describe(n));
    }
    return n.longValue();
  }

  /** Why one line was rejected; only the message travels on. */
  static final class InvalidLine extends Exception {
    InvalidLine(String message) {
      super(message, null, false, false);
    }
  }
}
