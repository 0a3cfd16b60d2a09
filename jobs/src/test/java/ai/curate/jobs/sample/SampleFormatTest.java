package ai.curate.jobs.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.curate.retargeting.urdf.Joint;
import ai.curate.retargeting.urdf.RobotModel;
import ai.curate.retargeting.urdf.UrdfParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The clean sessions and clips follow docs/raw-formats.md, read back with independent readers (Arrow's file reader,
 * ffprobe or JavaCV's grabber, Jackson), and their signals are physically plausible.
 */
class SampleFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SampleReport report;
  private static RobotModel neo;
  private static SampleReport.SessionSummary session;
  private static Path dir;
  private static JsonNode manifest;

  @BeforeAll
  static void generate() {
    report = SampleFixture.faulty();
    neo = UrdfParser.parse(SampleFixture.neoUrdf());
    session = report.sessions().stream().filter(SampleReport.SessionSummary::clean).findFirst().orElseThrow();
    dir = report.out().resolve(session.path());
    manifest = SampleFixture.json(dir.resolve("manifest.json"));
  }

  @Test
  void bundleLayoutAndManifestFollowTheContract() {
    assertThat(session.path()).isEqualTo("fleet/date=2026-01-15/" + session.robotId() + "/" + session.sessionId());
    assertThat(manifest.get("format").asText()).isEqualTo("neo-fleet-bundle");
    assertThat(manifest.get("format_version").asInt()).isEqualTo(1);
    assertThat(manifest.get("robot_id").asText()).isEqualTo(session.robotId());
    assertThat(manifest.get("robot_model").asText()).isEqualTo("neo");
    assertThat(manifest.get("session_id").asText()).isEqualTo(session.sessionId());
    assertThat(manifest.get("software_version").asText()).isNotBlank();
    assertThat(manifest.get("end_ts_ns").asLong() - manifest.get("start_ts_ns").asLong())
        .isEqualTo(Math.round(SampleFixture.SESSION_MINUTES * 60e9));
    List<String> kinds = new ArrayList<>();
    boolean someOffset = false;
    for (JsonNode s : manifest.get("streams")) {
      kinds.add(s.get("kind").asText());
      assertThat(dir.resolve(s.get("file").asText())).isRegularFile();
      assertThat(s.get("rate_hz").asInt()).isPositive();
      someOffset |= s.get("clock_offset_ns").asLong() != 0;
      switch (s.get("kind").asText()) {
        case "joint_state", "joint_command" ->
          assertThat(names(s.get("joint_names"))).isEqualTo(neo.actuatedJointNames());
        case "wrench" -> assertThat(s.get("frame").asText()).endsWith("_wrist");
        case "tactile" -> assertThat(s.get("taxels").asInt()).isEqualTo(64);
        default -> throw new AssertionError("unexpected stream kind " + s);
      }
    }
    assertThat(kinds).containsExactlyInAnyOrder("joint_state", "joint_command", "wrench", "wrench", "tactile",
        "tactile");
    assertThat(someOffset).as("at least one stream has its own device clock").isTrue();
    for (JsonNode c : manifest.get("cameras")) {
      assertThat(dir.resolve(c.get("file").asText())).isRegularFile();
      assertThat(dir.resolve(c.get("frames").asText())).isRegularFile();
      assertThat(c.get("fps").asInt()).isPositive();
    }
    assertThat(neo.actuatedJointNames()).hasSize(76);
  }

  @Test
  void streamFilesHaveTheContractSchemaWidthsAndRowCounts() {
    long start = manifest.get("start_ts_ns").asLong();
    long end = manifest.get("end_ts_ns").asLong();
    for (JsonNode s : manifest.get("streams")) {
      String name = s.get("name").asText();
      ArrowFiles.Table t = ArrowFiles.read(dir.resolve(s.get("file").asText()));
      Field ts = t.schema().getFields().get(0);
      assertThat(ts.getName()).isEqualTo("ts_ns");
      assertThat(ts.getType()).isEqualTo(new ArrowType.Int(64, true));
      int width = switch (s.get("kind").asText()) {
        case "joint_state", "joint_command" -> s.get("joint_names").size();
        case "wrench" -> 3;
        default -> s.get("taxels").asInt();
      };
      List<String> expectedColumns = switch (s.get("kind").asText()) {
        case "joint_state" -> List.of("ts_ns", "position", "velocity", "effort");
        case "joint_command" -> List.of("ts_ns", "position");
        case "wrench" -> List.of("ts_ns", "force", "torque");
        default -> List.of("ts_ns", "pressure");
      };
      assertThat(t.schema().getFields().stream().map(Field::getName).toList()).as(name).isEqualTo(expectedColumns);
      for (Field f : t.schema().getFields().subList(1, t.schema().getFields().size())) {
        assertThat(f.getType()).as("%s.%s", name, f.getName()).isEqualTo(new ArrowType.FixedSizeList(width));
        assertThat(f.getChildren().get(0).getType())
            .isEqualTo(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
      }
      assertThat((long) t.rows()).as("rows of %s", name).isEqualTo(session.streamRows().get(name));
      double seconds = SampleFixture.SESSION_MINUTES * 60;
      assertThat(t.rows()).as("rows of %s at %d Hz", name, s.get("rate_hz").asInt())
          .isCloseTo((int) (seconds * s.get("rate_hz").asInt()), within(2));
      assertThat(t.batches()).as("one record batch per second of %s", name).isGreaterThan(1);
      long offset = s.get("clock_offset_ns").asLong();
      for (int i = 0; i < t.rows(); i++) {
        if (i > 0) {
          assertThat(t.ts()[i]).as("%s ts strictly increasing at row %d", name, i).isGreaterThan(t.ts()[i - 1]);
        }
        assertThat(t.ts()[i] + offset).as("%s robot-clock ts inside the session", name).isBetween(start, end);
      }
    }
  }

  @Test
  void jointStatesStayWithinUrdfLimitsAndVelocitiesMatchPositions() {
    ArrowFiles.Table t = ArrowFiles.read(dir.resolve("streams/joint_state.arrow"));
    float[][] q = t.lists().get("position");
    float[][] v = t.lists().get("velocity");
    float[][] e = t.lists().get("effort");
    List<String> names = neo.actuatedJointNames();
    for (int j = 0; j < names.size(); j++) {
      Joint joint = neo.joint(names.get(j));
      double min = Double.MAX_VALUE;
      double max = -Double.MAX_VALUE;
      double fdError = 0;
      int fdCount = 0;
      for (int i = 0; i < t.rows(); i++) {
        assertThat((double) q[i][j]).as("%s position", joint.name()).isBetween(joint.lower(), joint.upper());
        assertThat(Math.abs(v[i][j])).as("%s speed", joint.name()).isLessThanOrEqualTo((float) joint.velocityLimit());
        assertThat(Math.abs(e[i][j])).as("%s effort", joint.name()).isLessThanOrEqualTo((float) joint.effortLimit());
        min = Math.min(min, q[i][j]);
        max = Math.max(max, q[i][j]);
        if (i > 0 && i < t.rows() - 1) {
          double dt = (t.ts()[i + 1] - t.ts()[i - 1]) / 1e9;
          fdError += Math.abs((q[i + 1][j] - q[i - 1][j]) / dt - v[i][j]);
          fdCount++;
        }
      }
      assertThat(fdError / fdCount).as("%s: velocity is the derivative of position", joint.name()).isLessThan(0.15);
      assertThat(max - min).as("%s moves", joint.name()).isGreaterThan(1e-3);
    }
    // Hands open and close: finger flexion sweeps most of its range.
    int flex = names.indexOf("right_index_mcp_flex");
    Joint j = neo.joint("right_index_mcp_flex");
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (float[] row : q) {
      lo = Math.min(lo, row[flex]);
      hi = Math.max(hi, row[flex]);
    }
    assertThat((hi - lo) / (j.upper() - j.lower())).isGreaterThan(0.5);
  }

  @Test
  void graspsPressTheWristSensorAndTheTactileArrayAtTheSameRobotTime() {
    // Choose the hand that grasps in this session: the one whose tactile array sees the most pressure.
    String side = totalPressure("left") > totalPressure("right") ? "left" : "right";
    ArrowFiles.Table tactile = ArrowFiles.read(dir.resolve("streams/tactile_" + side + ".arrow"));
    ArrowFiles.Table wrench = ArrowFiles.read(dir.resolve("streams/wrench_" + side + ".arrow"));
    long tactileOffset = offset("tactile_" + side);
    long wrenchOffset = offset("wrench_" + side);
    double contactForce = 0;
    int contactN = 0;
    double freeForce = 0;
    int freeN = 0;
    int w = 0;
    for (int i = 0; i < tactile.rows(); i++) {
      double pressure = 0;
      for (float p : tactile.lists().get("pressure")[i]) {
        assertThat(p).as("pressure is never negative").isGreaterThanOrEqualTo(0f);
        pressure += p;
      }
      long robotTs = tactile.ts()[i] + tactileOffset;
      while (w + 1 < wrench.rows() && wrench.ts()[w + 1] + wrenchOffset <= robotTs) {
        w++;
      }
      float[] f = wrench.lists().get("force")[w];
      double magnitude = Math.sqrt(f[0] * f[0] + f[1] * f[1] + f[2] * f[2]);
      if (pressure > 200) {
        contactForce += magnitude;
        contactN++;
      } else if (pressure < 20) {
        freeForce += magnitude;
        freeN++;
      }
    }
    assertThat(contactN).as("samples in contact").isGreaterThan(50);
    assertThat(freeN).as("samples without contact").isGreaterThan(50);
    assertThat(contactForce / contactN).as("mean force in contact vs free (N)")
        .isGreaterThan(2 * freeForce / freeN + 2);
  }

  @Test
  void cameraFrameIndexesMatchTheDecodedVideos() {
    for (JsonNode c : manifest.get("cameras")) {
      Path video = dir.resolve(c.get("file").asText());
      ArrowFiles.Table frames = ArrowFiles.read(dir.resolve(c.get("frames").asText()));
      assertThat(frames.schema().getFields().stream().map(Field::getName).toList())
          .containsExactly("frame_index", "capture_ts_ns");
      assertThat(frames.schema().getFields().get(0).getType()).isEqualTo(new ArrowType.Int(32, true));
      assertThat(frames.schema().getFields().get(1).getType()).isEqualTo(new ArrowType.Int(64, true));
      int decoded = VideoFrames.count(video);
      assertThat(decoded).as("frames of %s", video).isEqualTo(frames.rows());
      assertThat((long) decoded).isEqualTo(session.cameraFrames().get(c.get("name").asText()));
      assertThat(decoded).isEqualTo((int) (SampleFixture.SESSION_MINUTES * 60 * c.get("fps").asInt()));
      int[] index = frames.ints().get("frame_index");
      for (int i = 0; i < index.length; i++) {
        assertThat(index[i]).isEqualTo(i);
        if (i > 0) {
          double dt = (frames.ts()[i] - frames.ts()[i - 1]) / 1e9;
          assertThat(dt).isCloseTo(1.0 / c.get("fps").asInt(), within(0.002));
        }
      }
      VideoFrames.Luma luma = VideoFrames.luma(video);
      assertThat(luma.meanBrightness()).isBetween(60.0, 200.0);
    }
  }

  @Test
  void eventsAreJsonLinesWithPairedEpisodesOnTheRobotClock() throws IOException {
    long start = manifest.get("start_ts_ns").asLong();
    long end = manifest.get("end_ts_ns").asLong();
    List<String> lines = Files.readAllLines(dir.resolve("events.jsonl"));
    List<String> started = new ArrayList<>();
    Set<String> ended = new HashSet<>();
    long previous = Long.MIN_VALUE;
    String open = null;
    for (String line : lines) {
      JsonNode e = JSON.readTree(line);
      long ts = e.get("ts_ns").asLong();
      assertThat(ts).isBetween(start, end).isGreaterThanOrEqualTo(previous);
      previous = ts;
      switch (e.get("type").asText()) {
        case "episode_start" -> {
          assertThat(open).as("episodes do not overlap").isNull();
          open = e.get("episode_id").asText();
          started.add(open);
          assertThat(e.get("task").asText()).isNotBlank();
          assertThat(e.get("prompt").asText()).isNotBlank();
        }
        case "episode_end" -> {
          assertThat(e.get("episode_id").asText()).isEqualTo(open);
          assertThat(e.get("success").isBoolean()).isTrue();
          ended.add(open);
          open = null;
        }
        default -> assertThat(e.get("type").asText()).isIn("note", "intervention", "system");
      }
    }
    assertThat(started).hasSizeBetween(2, 3).doesNotHaveDuplicates().isEqualTo(session.episodeIds());
    assertThat(ended).containsExactlyInAnyOrderElementsOf(started);
  }

  @Test
  void humanClipsFollowTheContractAndTheHandOpensAndCloses() throws IOException {
    SampleReport.ClipSummary clip = report.clips().stream().filter(SampleReport.ClipSummary::clean).findFirst()
        .orElseThrow();
    Path clipDir = report.out().resolve(clip.path());
    assertThat(clip.path()).isEqualTo("human/date=2026-01-15/" + clip.dataset() + "/" + clip.clipId());
    JsonNode meta = SampleFixture.json(clipDir.resolve("clip.json"));
    assertThat(meta.get("format").asText()).isEqualTo("human-clip");
    assertThat(meta.get("format_version").asInt()).isEqualTo(1);
    assertThat(meta.get("clip_id").asText()).isEqualTo(clip.clipId());
    assertThat(meta.get("dataset").asText()).isEqualTo(clip.dataset());
    assertThat(meta.get("consent").asBoolean()).isTrue();
    for (String key : List.of("source_uri", "license", "task", "prompt")) {
      assertThat(meta.get(key).asText()).as(key).isNotBlank();
    }
    JsonNode camera = meta.get("camera");
    assertThat(camera.get("intrinsics")).hasSize(4);
    assertThat(camera.get("T_head_camera")).hasSize(16);
    assertThat(camera.get("width").asInt()).isEqualTo(160);
    assertThat(camera.get("height").asInt()).isEqualTo(120);

    int frames = VideoFrames.count(clipDir.resolve("video.mp4"));
    List<String> lines = Files.readAllLines(clipDir.resolve("pose.jsonl"));
    assertThat(lines).hasSize(frames);
    assertThat(frames).isEqualTo(clip.frames()).isEqualTo((int) (SampleFixture.CLIP_SECONDS * 30));
    double minSpread = Double.MAX_VALUE;
    double maxSpread = 0;
    for (int i = 0; i < lines.size(); i++) {
      JsonNode pose = JSON.readTree(lines.get(i));
      assertThat(pose.get("frame_index").asInt()).isEqualTo(i);
      assertThat(pose.get("pts_us").asLong()).isEqualTo(Math.round(i * 1e6 / 30));
      assertThat(pose.get("hands")).hasSize(2);
      for (JsonNode hand : pose.get("hands")) {
        assertThat(hand.get("side").asText()).isIn("left", "right");
        assertThat(hand.get("keypoints_3d")).hasSize(21);
        assertThat(hand.get("confidence")).hasSize(21);
        double[][] kp = new double[21][3];
        for (int k = 0; k < 21; k++) {
          JsonNode p = hand.get("keypoints_3d").get(k);
          assertThat(p).hasSize(3);
          for (int a = 0; a < 3; a++) {
            kp[k][a] = p.get(a).asDouble();
          }
          assertThat(kp[k][2]).as("in front of the camera").isGreaterThan(0.1);
          assertThat(hand.get("confidence").get(k).asDouble()).isBetween(0.8, 1.0);
        }
        // A hand: wrist to middle knuckle about 9 cm, index bones 2-5 cm (keypoint noise is 1 mm).
        assertThat(dist(kp[0], kp[9])).isCloseTo(0.09, within(0.01));
        assertThat(dist(kp[5], kp[6])).isCloseTo(0.043, within(0.006));
        if (hand.get("side").asText().equals("right")) {
          double spread = 0;
          for (int tip : new int[] {8, 12, 16, 20}) {
            spread += dist(kp[0], kp[tip]) / 4;
          }
          minSpread = Math.min(minSpread, spread);
          maxSpread = Math.max(maxSpread, spread);
        }
      }
    }
    assertThat(maxSpread - minSpread).as("fingertips close towards the wrist when grasping (m)").isGreaterThan(0.03);
    VideoFrames.Luma luma = VideoFrames.luma(clipDir.resolve("video.mp4"));
    assertThat(luma.frames()).isEqualTo(frames);
    assertThat(luma.meanBrightness()).isBetween(60.0, 200.0);
    assertThat(luma.meanSharpness()).isGreaterThan(50.0);
  }

  private static double totalPressure(String side) {
    double sum = 0;
    for (float[] row : ArrowFiles.read(dir.resolve("streams/tactile_" + side + ".arrow")).lists().get("pressure")) {
      for (float p : row) {
        sum += p;
      }
    }
    return sum;
  }

  private static long offset(String stream) {
    for (JsonNode s : manifest.get("streams")) {
      if (s.get("name").asText().equals(stream)) {
        return s.get("clock_offset_ns").asLong();
      }
    }
    throw new AssertionError("no stream " + stream);
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static double dist(double[] a, double[] b) {
    double dx = a[0] - b[0];
    double dy = a[1] - b[1];
    double dz = a[2] - b[2];
    return Math.sqrt(dx * dx + dy * dy + dz * dz);
  }
}
