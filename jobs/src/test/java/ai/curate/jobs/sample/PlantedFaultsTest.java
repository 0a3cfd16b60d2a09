package ai.curate.jobs.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --faults} plants exactly what {@code _planted_faults.json} lists, and every check that finds a planted
 * defect finds nothing in the clean sessions and clips.
 */
class PlantedFaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SampleReport report;
  private static JsonNode list;

  @BeforeAll
  static void generate() {
    report = SampleFixture.faulty();
    list = SampleFixture.json(report.out().resolve(SampleReport.FAULTS_FILE)).get("faults");
  }

  @Test
  void theListNamesEveryKindOnceWithItsExpectedOutcome() {
    Set<String> kinds = new java.util.HashSet<>();
    Set<String> ids = new java.util.HashSet<>();
    for (JsonNode f : list) {
      assertThat(ids.add(f.get("id").asText())).isTrue();
      assertThat(kinds.add(f.get("kind").asText())).as("kind %s listed once", f.get("kind")).isTrue();
      FaultKind kind = kind(f);
      assertThat(f.get("target").asText()).isEqualTo(kind.target.name().toLowerCase());
      assertThat(text(f, "expected_ledger_kind")).isEqualTo(kind.expectedLedgerKind);
      assertThat(text(f, "expected_quality_rule")).isEqualTo(kind.expectedQualityRule);
      assertThat(kind.expectedLedgerKind != null || kind.expectedQualityRule != null).isTrue();
      assertThat(f.get("description").asText()).isNotBlank();
      if (kind.target == FaultKind.Target.FLEET) {
        assertThat(text(f, "session_id")).isNotNull();
        // A file of the bundle, or the bundle folder itself (a duplicate copy).
        assertThat(f.get("path").asText() + "/")
            .startsWith("fleet/date=2026-01-15/" + text(f, "robot_id") + "/" + text(f, "session_id") + "/");
      } else {
        assertThat(f.get("path").asText())
            .startsWith("human/date=2026-01-15/" + text(f, "dataset") + "/" + text(f, "clip_id") + "/");
      }
    }
    assertThat(kinds).isEqualTo(EnumSet.allOf(FaultKind.class).stream().map(k -> k.id).collect(Collectors.toSet()));
    assertThat(report.faults()).hasSize(list.size());
  }

  @Test
  void faultsLiveOnlyInTheirOwnSessionsAndClips() {
    Set<String> faultySessions = new java.util.HashSet<>();
    Set<String> faultyClips = new java.util.HashSet<>();
    list.forEach(f -> {
      if (text(f, "session_id") != null) {
        faultySessions.add(text(f, "session_id"));
      }
      if (text(f, "clip_id") != null) {
        faultyClips.add(text(f, "clip_id"));
      }
    });
    for (SampleReport.SessionSummary s : report.sessions()) {
      assertThat(faultySessions.contains(s.sessionId())).as("session %s", s.sessionId()).isEqualTo(!s.clean());
    }
    for (SampleReport.ClipSummary c : report.clips()) {
      assertThat(faultyClips.contains(c.clipId())).as("clip %s", c.clipId()).isEqualTo(!c.clean());
    }
    assertThat(report.sessions().stream().filter(SampleReport.SessionSummary::clean)).isNotEmpty();
    assertThat(report.clips().stream().filter(SampleReport.ClipSummary::clean)).isNotEmpty();
  }

  @Test
  void fileLevelDefectsAreThere() {
    JsonNode manifest = fault(FaultKind.MANIFEST_INVALID);
    assertThatThrownBy(() -> JSON.readTree(path(manifest).toFile())).isInstanceOf(IOException.class);

    assertThat(path(fault(FaultKind.STREAM_MISSING))).doesNotExist();

    Path truncated = path(fault(FaultKind.ARROW_TRUNCATED));
    assertThat(endsWithArrowMagic(truncated)).isFalse();
    assertThatThrownBy(() -> ArrowFiles.read(truncated)).isInstanceOf(RuntimeException.class);

    Path corrupt = path(fault(FaultKind.ARROW_CORRUPT));
    assertThat(startsWithArrowMagic(corrupt)).isFalse();

    JsonNode width = fault(FaultKind.LIST_WIDTH_MISMATCH);
    JsonNode sessionManifest = SampleFixture.json(sessionDir(width).resolve("manifest.json"));
    int jointNames = stream(sessionManifest, text(width, "stream")).get("joint_names").size();
    ArrowFiles.Table narrow = ArrowFiles.read(path(width));
    assertThat(narrow.lists().get("position")[0]).hasSize(jointNames - 1);

    for (FaultKind k : List.of(FaultKind.VIDEO_TRUNCATED, FaultKind.VIDEO_CORRUPT)) {
      Path video = path(fault(k));
      assertThat(VideoFrames.count(video)).as("%s decodes", video).isEqualTo(-1);
      assertThat(VideoFrames.luma(video).frames()).as("%s opens in JavaCV", video).isEqualTo(-1);
    }
  }

  @Test
  void identityNameAndLinkDefectsAreThere() throws IOException {
    JsonNode dup = fault(FaultKind.DUPLICATE_SESSION);
    Path copy = path(dup);
    SampleReport.SessionSummary original = report.sessions().stream()
        .filter(s -> s.sessionId().equals(text(dup, "session_id"))).findFirst().orElseThrow();
    assertThat(original.robotId()).isNotEqualTo(text(dup, "robot_id"));
    assertThat(SampleFixture.json(copy.resolve("manifest.json")).get("robot_id").asText())
        .isEqualTo(text(dup, "robot_id"));
    Path originalDir = report.out().resolve(original.path());
    assertThat(Files.readAllBytes(copy.resolve("streams/joint_state.arrow")))
        .isEqualTo(Files.readAllBytes(originalDir.resolve("streams/joint_state.arrow")));

    JsonNode badName = fault(FaultKind.CAMERA_NAME_INVALID);
    List<String> cameras = new ArrayList<>();
    SampleFixture.json(path(badName)).get("cameras").forEach(c -> cameras.add(c.get("name").asText()));
    assertThat(cameras).contains(text(badName, "stream")).contains("head");
    assertThat(text(badName, "stream")).isEqualTo("wrist.right");

    Path link = path(fault(FaultKind.EVENTS_SYMLINK));
    assertThat(Files.isSymbolicLink(link)).isTrue();
    Path target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
    assertThat(target).isEqualTo(report.out().resolve(SampleReport.SYMLINK_TARGET_FILE));
    assertThat(target.startsWith(report.out().resolve("fleet"))).as("the link points outside the landing zone")
        .isFalse();
  }

  @Test
  void rowLevelDefectsAreWhereTheListSays() {
    JsonNode nan = fault(FaultKind.NAN_VALUES);
    ArrowFiles.Table t = ArrowFiles.read(path(nan));
    int joint = jointIndex(nan);
    int nanRows = 0;
    for (int i = 0; i < t.rows(); i++) {
      boolean hasNan = false;
      for (float[][] col : t.lists().values()) {
        for (float v : col[i]) {
          hasNan |= Float.isNaN(v);
        }
      }
      if (hasNan) {
        nanRows++;
        assertThat(t.ts()[i]).isBetween(nan.get("window_start_ts_ns").asLong(), nan.get("window_end_ts_ns").asLong());
        assertThat(t.lists().get("position")[i][joint]).isNaN();
      }
    }
    assertThat(nanRows).isEqualTo(nan.get("affected_rows").asInt()).isPositive();

    JsonNode gap = fault(FaultKind.TIMESTAMP_GAP);
    long[] ts = ArrowFiles.read(path(gap)).ts();
    assertThat(maxStepNs(ts))
        .isGreaterThanOrEqualTo(gap.get("window_end_ts_ns").asLong() - gap.get("window_start_ts_ns").asLong());
    assertThat(gap.get("affected_rows").asInt()).isPositive();

    JsonNode reorder = fault(FaultKind.TIMESTAMP_REORDER);
    assertThat(countSteps(ArrowFiles.read(path(reorder)).ts(), -1)).isEqualTo(reorder.get("affected_rows").asInt())
        .isPositive();

    JsonNode dup = fault(FaultKind.TIMESTAMP_DUPLICATE);
    assertThat(countSteps(ArrowFiles.read(path(dup)).ts(), 0)).isEqualTo(dup.get("affected_rows").asInt()).isPositive();

    JsonNode frozen = fault(FaultKind.FROZEN_SENSOR);
    ArrowFiles.Table ft = ArrowFiles.read(path(frozen));
    int fj = jointIndex(frozen);
    assertThat(longestConstantRun(ft, fj)).isEqualTo(frozen.get("affected_rows").asInt()).isGreaterThan(100);
    assertThat(frozen.get("episode_id").asText()).isNotBlank();
  }

  @Test
  void humanClipDefectsAreThere() throws IOException {
    VideoFrames.Luma clean = VideoFrames.luma(cleanClipDir().resolve("video.mp4"));
    VideoFrames.Luma dark = VideoFrames.luma(path(fault(FaultKind.DARK_VIDEO)));
    VideoFrames.Luma blurred = VideoFrames.luma(path(fault(FaultKind.BLURRED_VIDEO)));
    assertThat(dark.meanBrightness()).isLessThan(25).isLessThan(clean.meanBrightness() / 4);
    assertThat(blurred.meanSharpness()).isLessThan(clean.meanSharpness() / 5);
    assertThat(blurred.meanBrightness()).isBetween(60.0, 200.0);

    JsonNode low = fault(FaultKind.LOW_POSE_CONFIDENCE);
    double[] window = meanRightConfidence(path(low), low);
    assertThat(window[0]).as("mean confidence inside the window").isLessThan(0.4);
    assertThat(window[1]).as("mean confidence outside the window").isGreaterThan(0.85);
    assertThat(low.get("affected_rows").asInt()).isPositive();

    JsonNode consent = fault(FaultKind.MISSING_CONSENT);
    assertThat(SampleFixture.json(path(consent)).has("consent")).isFalse();
  }

  @Test
  void cleanSessionsAndClipsShowNoneOfTheDefects() throws IOException {
    for (SampleReport.SessionSummary s : report.sessions().stream().filter(SampleReport.SessionSummary::clean)
        .toList()) {
      Path dir = report.out().resolve(s.path());
      JsonNode manifest = SampleFixture.json(dir.resolve("manifest.json"));
      for (JsonNode st : manifest.get("streams")) {
        Path file = dir.resolve(st.get("file").asText());
        assertThat(startsWithArrowMagic(file) && endsWithArrowMagic(file)).isTrue();
        ArrowFiles.Table t = ArrowFiles.read(file);
        long period = 1_000_000_000L / st.get("rate_hz").asInt();
        assertThat(maxStepNs(t.ts())).as("no gap in %s", file).isLessThan(2 * period);
        assertThat(countSteps(t.ts(), -1) + countSteps(t.ts(), 0)).isZero();
        for (float[][] col : t.lists().values()) {
          assertThat(col[0]).as("list width of %s", file).hasSize(
              st.has("joint_names") ? st.get("joint_names").size() : col[0].length);
          for (float[] row : col) {
            for (float v : row) {
              assertThat(Float.isNaN(v)).isFalse();
            }
          }
        }
        if (st.get("kind").asText().equals("joint_state")) {
          for (int j = 0; j < st.get("joint_names").size(); j++) {
            assertThat(longestConstantRun(t, j)).as("longest constant run of joint %d", j).isLessThan(20);
          }
        }
      }
      for (JsonNode cam : manifest.get("cameras")) {
        assertThat(VideoFrames.count(dir.resolve(cam.get("file").asText()))).isPositive();
      }
    }
    Path clip = cleanClipDir();
    JsonNode meta = SampleFixture.json(clip.resolve("clip.json"));
    assertThat(meta.get("consent").asBoolean()).isTrue();
    VideoFrames.Luma luma = VideoFrames.luma(clip.resolve("video.mp4"));
    assertThat(luma.meanBrightness()).isGreaterThan(60);
    assertThat(luma.meanSharpness()).isGreaterThan(50);
    double[] conf = meanRightConfidence(clip.resolve("pose.jsonl"), null);
    assertThat(conf[1]).isGreaterThan(0.85);
  }

  // ---------------------------------------------------------------- helpers

  private static JsonNode fault(FaultKind kind) {
    for (JsonNode f : list) {
      if (f.get("kind").asText().equals(kind.id)) {
        return f;
      }
    }
    throw new AssertionError("no planted " + kind.id + " in " + SampleReport.FAULTS_FILE);
  }

  private static FaultKind kind(JsonNode f) {
    return Arrays.stream(FaultKind.values()).filter(k -> k.id.equals(f.get("kind").asText())).findFirst().orElseThrow();
  }

  private static String text(JsonNode f, String key) {
    return f.get(key) == null || f.get(key).isNull() ? null : f.get(key).asText();
  }

  private static Path path(JsonNode f) {
    return report.out().resolve(f.get("path").asText());
  }

  private static Path sessionDir(JsonNode f) {
    return report.out().resolve("fleet/date=2026-01-15/" + text(f, "robot_id") + "/" + text(f, "session_id"));
  }

  private static Path cleanClipDir() {
    return report.out()
        .resolve(report.clips().stream().filter(SampleReport.ClipSummary::clean).findFirst().orElseThrow().path());
  }

  private static JsonNode stream(JsonNode manifest, String name) {
    for (JsonNode s : manifest.get("streams")) {
      if (s.get("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no stream " + name);
  }

  private static int jointIndex(JsonNode f) {
    JsonNode names = stream(SampleFixture.json(sessionDir(f).resolve("manifest.json")), text(f, "stream"))
        .get("joint_names");
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).asText().equals(text(f, "joint"))) {
        return i;
      }
    }
    throw new AssertionError("joint " + text(f, "joint") + " not in the manifest");
  }

  private static boolean startsWithArrowMagic(Path file) {
    byte[] head = bytes(file, 0, 6);
    return new String(head, StandardCharsets.US_ASCII).equals("ARROW1");
  }

  private static boolean endsWithArrowMagic(Path file) {
    try {
      long size = Files.size(file);
      return size >= 6 && new String(bytes(file, size - 6, 6), StandardCharsets.US_ASCII).equals("ARROW1");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(Path file, long offset, int n) {
    try (var f = new java.io.RandomAccessFile(file.toFile(), "r")) {
      byte[] b = new byte[n];
      f.seek(offset);
      f.readFully(b);
      return b;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long maxStepNs(long[] ts) {
    long max = 0;
    for (int i = 1; i < ts.length; i++) {
      max = Math.max(max, ts[i] - ts[i - 1]);
    }
    return max;
  }

  /** Steps whose sign is {@code sign}: -1 counts backward steps, 0 repeated timestamps. */
  private static int countSteps(long[] ts, int sign) {
    int n = 0;
    for (int i = 1; i < ts.length; i++) {
      if (Long.signum(ts[i] - ts[i - 1]) == sign) {
        n++;
      }
    }
    return n;
  }

  private static int longestConstantRun(ArrowFiles.Table t, int joint) {
    float[][] q = t.lists().get("position");
    int best = 1;
    int run = 1;
    for (int i = 1; i < q.length; i++) {
      run = q[i][joint] == q[i - 1][joint] ? run + 1 : 1;
      best = Math.max(best, run);
    }
    return best;
  }

  /** {mean right-hand confidence inside the fault window, outside it}; everything is "outside" without a fault. */
  private static double[] meanRightConfidence(Path pose, JsonNode fault) throws IOException {
    long from = fault == null ? Long.MAX_VALUE : fault.get("window_start_ts_ns").asLong();
    long to = fault == null ? Long.MIN_VALUE : fault.get("window_end_ts_ns").asLong();
    List<Double> in = new ArrayList<>();
    List<Double> out = new ArrayList<>();
    for (String line : Files.readAllLines(pose)) {
      JsonNode p = JSON.readTree(line);
      long tNs = p.get("pts_us").asLong() * 1000;
      for (JsonNode hand : p.get("hands")) {
        if (hand.get("side").asText().equals("right")) {
          double sum = 0;
          for (JsonNode c : hand.get("confidence")) {
            sum += c.asDouble();
          }
          (tNs >= from && tNs <= to ? in : out).add(sum / 21);
        }
      }
    }
    return new double[] {in.stream().mapToDouble(d -> d).average().orElse(Double.NaN),
        out.stream().mapToDouble(d -> d).average().orElse(Double.NaN)};
  }
}
