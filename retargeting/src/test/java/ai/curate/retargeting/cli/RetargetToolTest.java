package ai.curate.retargeting.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code curate retarget} end to end on files: Neo's shipped config, a pose.jsonl of real keypoints. */
class RetargetToolTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  /** Writes the first {@code frames} fixture frames as a pose.jsonl in the docs/raw-formats.md format. */
  private Path poses(int frames, boolean withClipJson, int skipEvery) throws Exception {
    JsonNode kp = JSON.readTree(Fixtures.handKeypoints().toFile()).get("keypoints");
    List<String> lines = new ArrayList<>();
    for (int f = 0; f < frames; f++) {
      String hands = skipEvery > 0 && f % skipEvery == 0
          ? "[]"
          : "[{\"side\":\"right\",\"keypoints_3d\":" + kp.get(f) + ",\"confidence\":" + confidence(0.95) + "}]";
      lines.add("{\"frame_index\":" + f + ",\"pts_us\":" + (f * 33333L) + ",\"hands\":" + hands + "}");
    }
    Path p = dir.resolve("pose.jsonl");
    Files.write(p, lines);
    if (withClipJson) {
      Files.writeString(dir.resolve("clip.json"), "{\"format\":\"human-clip\",\"keypoint_frame\":\"wrist\"}");
    }
    return p;
  }

  /** The Neo hands retargeting config beside the fixture URDF. */
  private static Path handsConfig() {
    return Fixtures.neoUrdf().resolveSibling("retarget-hands.yaml");
  }

  /** Runs the tool with the hands config; returns its summary JSON. */
  private static String retarget(Path poses, Path out) {
    return RetargetTool.run(handsConfig(), poses, out);
  }

  /** What a run wrote and returned: the output's lines and the parsed summary. */
  private record Output(List<String> lines, JsonNode summary) {}

  /** Runs the tool with the hands config on {@code poses}, writing {@code outName} in the temporary folder. */
  private Output retarget(Path poses, String outName) throws IOException {
    Path out = dir.resolve(outName);
    JsonNode summary = JSON.readTree(retarget(poses, out));
    return new Output(Files.readAllLines(out), summary);
  }

  private static String confidence(double c) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 21; i++) {
      sb.append(i == 0 ? "" : ",").append(c);
    }
    return sb.append("]").toString();
  }

  @Test
  void writesOneJsonLinePerFrameAndReturnsTheSummary() throws Exception {
    Output out = retarget(poses(90, true, 0), "out/neo.jsonl");
    assertThat(out.lines()).hasSize(90);
    JsonNode first = JSON.readTree(out.lines().get(0));
    assertThat(first.fieldNames()).toIterable().containsExactly("frame_index", "pts_us", "joints", "vector_error_mm",
        "hands");
    assertThat(first.get("frame_index").asInt()).isZero();
    assertThat(first.get("joints")).hasSize(22);
    assertThat(first.get("joints").fieldNames().next()).isEqualTo("right_thumb_cmc_abd");
    assertThat(first.get("vector_error_mm").asDouble()).isBetween(0.1, 30.0);
    assertThat(first.get("hands").get("right").get("present").asBoolean()).isTrue();
    assertThat(first.get("hands").get("left").get("present").asBoolean()).isFalse();
    JsonNode s = out.summary();
    assertThat(s.get("frames").asInt()).isEqualTo(90);
    assertThat(s.get("fps").asDouble()).isBetween(29.9, 30.1);
    JsonNode right = s.get("hands").get("right");
    for (String key : List.of("vector_error_mm_mean", "vector_error_mm_p95", "vector_error_mm_max",
        "limit_saturation_fraction", "velocity_violations", "jerk_rms", "jump_count", "iterations_mean",
        "convergence_rate")) {
      assertThat(right.has(key)).as(key).isTrue();
    }
    assertThat(right.get("frames_with_hand").asInt()).isEqualTo(90);
  }

  @Test
  void framesWithoutTheHandAreReportedAndLeftWithoutJoints() throws Exception {
    Output out = retarget(poses(60, true, 10), "gaps.jsonl");
    JsonNode gap = JSON.readTree(out.lines().get(10));
    assertThat(gap.get("joints")).isEmpty();
    assertThat(gap.get("vector_error_mm").isNull()).isTrue();
    assertThat(gap.get("hands").get("right").get("present").asBoolean()).isFalse();
    assertThat(JSON.readTree(out.lines().get(11)).get("joints")).hasSize(22);
    assertThat(out.summary().get("hands").get("right").get("frames_with_hand").asInt()).isEqualTo(54);
  }

  @Test
  void cameraFrameIsTheDefaultWithoutClipJson() throws Exception {
    Path wrist = dir.resolve("w.jsonl");
    Path camera = dir.resolve("c.jsonl");
    Path poses = poses(30, false, 0);
    retarget(poses, camera);
    Files.writeString(dir.resolve("clip.json"), "{\"keypoint_frame\":\"wrist\"}");
    retarget(poses, wrist);
    // the estimated wrist frame is turned a little from the fixture's MANO frame: close, not equal
    assertThat(Files.readAllLines(camera).get(5)).isNotEqualTo(Files.readAllLines(wrist).get(5));
  }

  @Test
  void anEmptyPoseFileGivesAnEmptyOutputAndAnEmptySummary() throws Exception {
    Path empty = dir.resolve("pose.jsonl");
    Files.writeString(empty, "");
    Output out = retarget(empty, "empty-out.jsonl");
    assertThat(out.lines()).isEmpty();
    assertThat(out.summary().get("frames").asInt()).isZero();
    assertThat(out.summary().get("hands").get("right").get("vector_error_mm_mean").isNull()).isTrue();
  }

  @Test
  void userErrorsAreOneLine() throws Exception {
    Path config = handsConfig();
    assertThatThrownBy(() -> RetargetTool.run(config, dir.resolve("missing.jsonl"), dir.resolve("o.jsonl")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pose file not found");
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, "{\"frame_index\":3,\"hands\":[]}\n{\"frame_index\":2,\"hands\":[]}\n");
    assertThatThrownBy(() -> RetargetTool.run(config, bad, dir.resolve("o.jsonl")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sorted by frame_index");
    assertThatThrownBy(() -> RetargetTool.run(dir.resolve("nope.yaml"), bad, dir.resolve("o.jsonl")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("robot config not found");
    Files.writeString(dir.resolve("clip.json"), "{\"keypoint_frame\":\"world\"}");
    Path ok = dir.resolve("pose.jsonl");
    Files.writeString(ok, "{\"frame_index\":0,\"hands\":[]}\n");
    assertThatThrownBy(() -> RetargetTool.run(config, ok, dir.resolve("o.jsonl")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keypoint_frame");
  }

  @Test
  void aPoseLineOverTheLimitIsAOneLineErrorNamingTheLine() throws Exception {
    Path poses = poses(5, false, 0);
    List<String> lines = new ArrayList<>(Files.readAllLines(poses));
    lines.add(3, "{\"frame_index\":9," + " ".repeat(2 << 20) + "\"hands\":[]}");
    Files.write(poses, lines);

    assertThatThrownBy(() -> retarget(poses, dir.resolve("o.jsonl"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(poses + " line 4: the line is " + (2 * 1048576 + 28) + " bytes, longer than the"
            + " limit of 1048576 bytes")
        .hasMessageNotContaining("\n");
  }
}
