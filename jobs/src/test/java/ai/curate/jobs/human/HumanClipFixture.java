package ai.curate.jobs.human;

import ai.curate.jobs.video.TestVideos;
import ai.curate.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Builds clip folders (docs/raw-formats.md) from the real fixture: its 720p video, and its 621 frames of right-hand
 * keypoints converted to pose.jsonl (pts at 30 fps, no confidence: the fixture has none).
 */
public final class HumanClipFixture {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final int FRAMES = TestVideos.FIXTURE_FRAMES;

  private HumanClipFixture() {}

  public static Path clipDir(Path raw, LocalDate date, String dataset, String clipId) {
    return raw.resolve("human").resolve("date=" + date).resolve(dataset).resolve(clipId);
  }

  /** A complete, valid clip folder: clip.json, video.mp4 (the fixture), pose.jsonl (the fixture's keypoints). */
  public static Path writeClip(Path raw, LocalDate date, String dataset, String clipId) {
    Path dir = clipDir(raw, date, dataset, clipId);
    try {
      Files.createDirectories(dir);
      writeClipJson(dir, dataset, clipId);
      Files.copy(Fixtures.handVideo(), dir.resolve(ClipLocation.VIDEO));
      writePose(dir.resolve(ClipLocation.POSE));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode exampleClipJson() {
    try (InputStream in = HumanClipFixture.class.getResourceAsStream("/human/clip.json")) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void writeClipJson(Path dir, String dataset, String clipId) throws IOException {
    ObjectNode clip = exampleClipJson();
    clip.put("clip_id", clipId);
    clip.put("dataset", dataset);
    Files.writeString(dir.resolve(ClipLocation.CLIP_JSON),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(clip));
  }

  /** The fixture's keypoints as pose.jsonl: one line a frame, frame_index i, pts_us = round(i * 1e6 / 30). */
  public static void writePose(Path out) throws IOException {
    JsonNode keypoints = JSON.readTree(Fixtures.handKeypoints().toFile()).get("keypoints");
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (int i = 0; i < keypoints.size(); i++) {
        w.write(JSON.writeValueAsString(poseLine(i, keypoints.get(i))));
        w.write('\n');
      }
    }
  }

  public static ObjectNode poseLine(int frame, JsonNode rightHand) {
    ObjectNode line = JSON.createObjectNode();
    line.put("frame_index", frame);
    line.put("pts_us", Math.round(frame * 1e6 / 30));
    ArrayNode hands = line.putArray("hands");
    ObjectNode hand = hands.addObject();
    hand.put("side", "right");
    hand.set("keypoints_3d", rightHand.deepCopy());
    return line;
  }
}
