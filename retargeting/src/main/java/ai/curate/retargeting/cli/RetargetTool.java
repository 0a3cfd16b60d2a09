package ai.curate.retargeting.cli;

import ai.curate.retargeting.pose.PoseJsonlReader;
import ai.curate.retargeting.retarget.ClipRetargeter;
import ai.curate.retargeting.retarget.ClipSummary;
import ai.curate.retargeting.retarget.FrameOutput;
import ai.curate.retargeting.retarget.KeypointFrame;
import ai.curate.retargeting.retarget.RetargetConfig;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The logic behind {@code curate retarget --robot-config FILE --poses pose.jsonl --out FILE}: one
 * clip, no Spark. Writes one JSON line per pose frame to {@code out}
 * ({@code {"frame_index", "pts_us", "joints": {name: rad}, "vector_error_mm", "hands": {...}}}) and
 * returns the clip summary as one line of JSON for the console. User errors (bad config, bad pose
 * file) are {@link IllegalArgumentException}s with a one-line message.
 */
public final class RetargetTool {
  static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .setSerializationInclusion(JsonInclude.Include.ALWAYS)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  /**
   * Largest clip.json read beside the pose file: 16 MiB, as ingest-human's default
   * ({@code human_ingest.max_clip_json_bytes}); a clip.json is a few hundred bytes. The pose file's own limits are
   * {@link PoseJsonlReader#open(Path)}'s.
   */
  public static final long MAX_CLIP_JSON_BYTES = 16L << 20;

  private RetargetTool() {}

  /** Reads {@code keypoint_frame} from a clip.json beside the pose file, else assumes camera-frame keypoints. */
  public static String run(Path robotConfig, Path poses, Path out) {
    return run(robotConfig, poses, out, keypointFrameBeside(poses));
  }

  /** As {@link #run(Path, Path, Path)}; {@code warnings} receives the URDF's one-line warning, if any. */
  public static String run(Path robotConfig, Path poses, Path out, Consumer<String> warnings) {
    return run(robotConfig, poses, out, keypointFrameBeside(poses), warnings);
  }

  public static String run(Path robotConfig, Path poses, Path out, KeypointFrame keypointFrame) {
    return run(robotConfig, poses, out, keypointFrame, w -> {});
  }

  private static String run(Path robotConfig, Path poses, Path out, KeypointFrame keypointFrame,
      Consumer<String> warnings) {
    RetargetConfig config = RetargetConfig.load(robotConfig);
    config.model().warning().ifPresent(warnings);
    ClipSummary summary;
    try (PoseJsonlReader reader = PoseJsonlReader.open(poses)) {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        ClipRetargeter retargeter = new ClipRetargeter(config);
        summary = retargeter.retarget(reader, keypointFrame, frame -> writeLine(w, frame));
      }
      return JSON.writeValueAsString(summary);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  private static void writeLine(BufferedWriter w, FrameOutput frame) {
    try {
      w.write(JSON.writeValueAsString(frame));
      w.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static KeypointFrame keypointFrameBeside(Path poses) {
    Path clip = poses.toAbsolutePath().resolveSibling("clip.json");
    if (!Files.isRegularFile(clip)) {
      return KeypointFrame.CAMERA;
    }
    long size;
    try {
      size = Files.size(clip);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + clip, e);
    }
    if (size > MAX_CLIP_JSON_BYTES) {
      throw new IllegalArgumentException(clip + " is " + size + " bytes, more than the limit of "
          + MAX_CLIP_JSON_BYTES + " bytes for a clip.json");
    }
    try {
      JsonNode n = JSON.readTree(clip.toFile());
      JsonNode kf = n == null ? null : n.get("keypoint_frame");
      return KeypointFrame.parse(kf == null || kf.isNull() ? null : kf.asText());
    } catch (IOException e) {
      throw new IllegalArgumentException("clip.json beside " + poses + " is not valid JSON: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(clip + ": " + e.getMessage());
    }
  }
}
