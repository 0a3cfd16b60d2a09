package ai.curate.jobs.human;

import ai.curate.retargeting.pose.PoseLineParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks {@code clip.json}. Not JSON at all is {@link HumanIngestErrors#CLIP_UNREADABLE}; JSON that breaks the
 * format (wrong format name or version, a required field missing, a field of the wrong type or size) is
 * {@link HumanIngestErrors#CLIP_INVALID}. Messages name the field and say what was expected.
 */
public final class ClipMetadataParser {
  public static final String FORMAT = "human-clip";
  public static final int FORMAT_VERSION = 1;
  static final Set<String> KEYPOINT_FRAMES = Set.of("camera", "wrist");

  private static final ObjectMapper JSON = new ObjectMapper();

  private ClipMetadataParser() {}

  public static ClipMetadata parse(InputStream in) throws ClipFormatException {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      throw new ClipFormatException(HumanIngestErrors.CLIP_UNREADABLE,
          "clip.json is not valid JSON (" + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
              + "): rewrite it as one JSON object in the human-clip format",
          e);
    } catch (IOException e) {
      throw new ClipFormatException(HumanIngestErrors.CLIP_UNREADABLE, "clip.json cannot be read: " + e.getMessage(),
          e);
    }
    if (root == null || !root.isObject()) {
      throw invalid("clip.json must be one JSON object, got " + (root == null ? "nothing" : root.getNodeType()));
    }
    String format = optionalText(root, "format");
    if (!FORMAT.equals(format)) {
      throw invalid(
          "\"format\" must be \"" + FORMAT + "\", got " + (format == null ? "nothing" : "\"" + format + "\""));
    }
    JsonNode version = root.get("format_version");
    if (version == null || !version.canConvertToInt() || !version.isIntegralNumber()) {
      throw invalid("\"format_version\" must be an integer, got " + describe(version));
    }
    if (version.intValue() != FORMAT_VERSION) {
      throw invalid("format_version " + version.intValue() + " is not supported (this build reads version "
          + FORMAT_VERSION + ")");
    }
    String keypointFrame = optionalText(root, "keypoint_frame");
    if (keypointFrame != null && !KEYPOINT_FRAMES.contains(keypointFrame)) {
      throw invalid("\"keypoint_frame\" must be \"camera\" or \"wrist\", got \"" + keypointFrame + "\"");
    }
    JsonNode consent = root.get("consent");
    if (consent != null && !consent.isNull() && !consent.isBoolean()) {
      throw invalid("\"consent\" must be true or false, got " + describe(consent));
    }
    List<Double> intrinsics = null;
    Integer width = null;
    Integer height = null;
    List<Double> tHeadCamera = null;
    JsonNode camera = root.get("camera");
    if (camera != null && !camera.isNull()) {
      if (!camera.isObject()) {
        throw invalid("\"camera\" must be an object, got " + describe(camera));
      }
      intrinsics = numbers(camera, "camera.intrinsics", "intrinsics", 4, true);
      width = positiveInt(camera, "camera.width", "width");
      height = positiveInt(camera, "camera.height", "height");
      tHeadCamera = numbers(camera, "camera.T_head_camera", "T_head_camera", 16, false);
    }
    return new ClipMetadata(FORMAT_VERSION, requiredText(root, "clip_id"), requiredText(root, "dataset"),
        optionalText(root, "source_uri"), optionalText(root, "license"),
        consent == null || consent.isNull() ? null : consent.booleanValue(),
        optionalText(root, "task"), optionalText(root, "prompt"), keypointFrame == null ? "camera" : keypointFrame,
        intrinsics, width, height, tHeadCamera, ClipMetadata.CLIP_FORMAT, null);
  }

  private static ClipFormatException invalid(String message) {
    return new ClipFormatException(HumanIngestErrors.CLIP_INVALID, "clip.json: " + message);
  }

  private static String requiredText(JsonNode node, String field) throws ClipFormatException {
    String value = optionalText(node, field);
    if (value == null || value.isBlank()) {
      throw invalid("\"" + field + "\" is required (a non-empty string)");
    }
    return value;
  }

  private static String optionalText(JsonNode node, String field) throws ClipFormatException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw invalid("\"" + field + "\" must be a string, got " + describe(value));
    }
    return value.textValue();
  }

  private static Integer positiveInt(JsonNode node, String path, String field) throws ClipFormatException {
    JsonNode value = node.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() <= 0) {
      throw invalid("\"" + path + "\" must be a positive integer (pixels), got " + describe(value));
    }
    return value.intValue();
  }

  private static List<Double> numbers(JsonNode node, String path, String field, int size, boolean required)
      throws ClipFormatException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw invalid("\"" + path + "\" is required (" + size + " numbers)");
      }
      return null;
    }
    if (!value.isArray() || value.size() != size) {
      throw invalid("\"" + path + "\" must be an array of " + size + " numbers, got " + describe(value));
    }
    List<Double> out = new ArrayList<>(size);
    for (JsonNode n : value) {
      if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
        throw invalid("\"" + path + "\" must hold finite numbers, found " + describe(n));
      }
      out.add(n.doubleValue());
    }
    return List.copyOf(out);
  }

  static String describe(JsonNode n) {
    return PoseLineParser.describe(n);
  }

}
