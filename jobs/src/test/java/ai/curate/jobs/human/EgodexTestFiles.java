package ai.curate.jobs.human;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.human.egodex.EgodexJoints;
import ai.curate.jobs.video.TestVideos;
import ai.curate.testing.Fixtures;
import ai.curate.testing.PythonModules;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * EgoDex recordings for tests, written by h5py (libhdf5, an HDF5 writer independent of the reader under test) through
 * tests/h5py/write_hdf5.py, from a {@link Motion} whose camera-frame keypoints are known: the expected values are
 * those keypoints, not anything computed by the code under test.
 */
final class EgodexTestFiles {
  static final Path PYTHON = PythonModules.PYTHON;
  static final double[] INTRINSICS = {736.6, 736.6, 960.0, 540.0};
  private static final JsonMapper JSON = JsonMapper.builder().disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

  private EgodexTestFiles() {}

  /** Skips the calling test, saying why, when /usr/bin/python3 cannot import h5py (CI installs python3-h5py). */
  static void assumeH5py() {
    PythonModules.assumeImportable("h5py", "python3-h5py",
        "the EgoDex tests on files from an independent HDF5 writer");
  }

  /**
   * A known motion: per frame the camera's world pose (row-major 4x4) and per side the 21 camera-frame keypoints
   * (flat, MANO order) with their confidences.
   */
  record Motion(int frames, double[][] camera, Map<String, double[]> points, Map<String, double[]> confidence) {}

  static Motion motion(int frames) {
    double[][] camera = new double[frames][];
    Map<String, double[]> points = new LinkedHashMap<>();
    Map<String, double[]> confidence = new LinkedHashMap<>();
    for (String side : EgodexJoints.SIDES) {
      points.put(side, new double[frames * 63]);
      confidence.put(side, new double[frames * 21]);
    }
    for (int i = 0; i < frames; i++) {
      double t = i / 30.0;
      camera[i] = cameraPose(0.3 * Math.sin(t), -0.4 + 0.1 * Math.cos(0.7 * t), 0.05 * Math.sin(1.3 * t),
          new double[] {0.2 * Math.sin(0.5 * t), 1.4 + 0.02 * t, -0.3 * t});
      for (String side : EgodexJoints.SIDES) {
        double sign = side.equals("right") ? 1 : -1;
        double[] wrist = {sign * 0.10 + 0.02 * Math.sin(t), 0.13 + 0.01 * Math.cos(2 * t), 0.36 + 0.03 * Math.sin(t)};
        double curl = 0.4 + 0.3 * Math.sin(1.5 * t + sign);
        double[] p = points.get(side);
        double[] c = confidence.get(side);
        set(p, i, 0, wrist);
        for (int f = 0; f < 5; f++) {
          double[] at = {wrist[0] + sign * (0.035 - 0.017 * f), wrist[1] + (f == 0 ? 0.01 : 0), wrist[2]
              + (f == 0 ? 0.03 : 0.085 - 0.004 * Math.abs(f - 2))};
          double angle = 0;
          for (int s = 0; s < 4; s++) {
            set(p, i, 1 + 4 * f + s, at);
            angle += curl;
            double length = new double[] {0.035, 0.028, 0.022, 0}[s];
            at = new double[] {at[0], at[1] + length * Math.sin(angle), at[2] + length * Math.cos(angle)};
          }
        }
        for (int k = 0; k < 21; k++) {
          c[i * 21 + k] = 0.5 + 0.49 * Math.sin(0.1 * i + k);
        }
      }
    }
    return new Motion(frames, camera, points, confidence);
  }

  private static void set(double[] p, int frame, int keypoint, double[] xyz) {
    System.arraycopy(xyz, 0, p, (frame * 21 + keypoint) * 3, 3);
  }

  /** Rz(yaw) Ry(pitch) Rx(roll) times the optical-to-ARKit flip diag(1, -1, -1), at {@code t}. */
  static double[] cameraPose(double yaw, double pitch, double roll, double[] t) {
    double[][] rz = {{Math.cos(yaw), -Math.sin(yaw), 0}, {Math.sin(yaw), Math.cos(yaw), 0}, {0, 0, 1}};
    double[][] ry = {{Math.cos(pitch), 0, Math.sin(pitch)}, {0, 1, 0}, {-Math.sin(pitch), 0, Math.cos(pitch)}};
    double[][] rx = {{1, 0, 0}, {0, Math.cos(roll), -Math.sin(roll)}, {0, Math.sin(roll), Math.cos(roll)}};
    double[][] r = mul(mul(mul(rz, ry), rx), new double[][] {{1, 0, 0}, {0, -1, 0}, {0, 0, -1}});
    return new double[] {r[0][0], r[0][1], r[0][2], t[0], r[1][0], r[1][1], r[1][2], t[1], r[2][0], r[2][1], r[2][2],
        t[2], 0, 0, 0, 1};
  }

  private static double[][] mul(double[][] a, double[][] b) {
    double[][] o = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 3; k++) {
          o[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return o;
  }

  /**
   * The h5py description of {@code m} in the EgoDex layout: intrinsic, camera and every hand joint (metacarpals
   * included) as world transforms with the camera's orientation, confidences for every joint, and attributes.
   */
  static ObjectNode spec(Motion m, String dtype, boolean compressed) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode sets = root.putArray("datasets");
    dataset(sets, "camera/intrinsic", dtype, new int[] {3, 3}, false, new double[] {
        INTRINSICS[0], 0, INTRINSICS[2], 0, INTRINSICS[1], INTRINSICS[3], 0, 0, 1});
    double[] cam = new double[m.frames() * 16];
    for (int i = 0; i < m.frames(); i++) {
      System.arraycopy(m.camera()[i], 0, cam, i * 16, 16);
    }
    dataset(sets, "transforms/camera", dtype, new int[] {m.frames(), 4, 4}, compressed, cam);
    for (String side : EgodexJoints.SIDES) {
      List<String> names = EgodexJoints.of(side);
      for (int j = 0; j < 21; j++) {
        dataset(sets, "transforms/" + names.get(j), dtype, new int[] {m.frames(), 4, 4}, compressed,
            world(m, side, j));
        double[] conf = new double[m.frames()];
        for (int i = 0; i < m.frames(); i++) {
          conf[i] = m.confidence().get(side)[i * 21 + j];
        }
        dataset(sets, "confidences/" + names.get(j), dtype, new int[] {m.frames()}, compressed, conf);
      }
      // A metacarpal, as real files have: not part of MANO-21, must be ignored.
      dataset(sets, "transforms/" + side + "IndexFingerMetacarpal", dtype, new int[] {m.frames(), 4, 4}, compressed,
          world(m, side, 5));
    }
    ObjectNode attrs = root.putObject("attrs");
    attrs.put("task", "basic_pick_place");
    attrs.put("llm_description", "Pick up the red cup and place it on the saucer.");
    attrs.put("environment", "kitchen_table");
    attrs.put("session_name", "session_17");
    attrs.putArray("llm_verbs").add("pick").add("place");
    return root;
  }

  /** Joint {@code k} of {@code side} as world transforms: orientation of the camera, position camera * point. */
  static double[] world(Motion m, String side, int k) {
    double[] out = new double[m.frames() * 16];
    for (int i = 0; i < m.frames(); i++) {
      double[] c = m.camera()[i];
      double[] p = m.points().get(side);
      int o = (i * 21 + k) * 3;
      for (int r = 0; r < 3; r++) {
        out[i * 16 + 4 * r] = c[4 * r];
        out[i * 16 + 4 * r + 1] = c[4 * r + 1];
        out[i * 16 + 4 * r + 2] = c[4 * r + 2];
        out[i * 16 + 4 * r + 3] = c[4 * r] * p[o] + c[4 * r + 1] * p[o + 1] + c[4 * r + 2] * p[o + 2] + c[4 * r + 3];
      }
      out[i * 16 + 15] = 1;
    }
    return out;
  }

  static void dataset(ArrayNode sets, String path, String dtype, int[] shape, boolean compressed, double[] data) {
    ObjectNode d = sets.addObject();
    d.put("path", path);
    d.put("dtype", dtype);
    ArrayNode s = d.putArray("shape");
    for (int v : shape) {
      s.add(v);
    }
    if (compressed) {
      ArrayNode chunks = d.putArray("chunks");
      chunks.add(Math.max(1, Math.min(16, shape[0])));
      for (int i = 1; i < shape.length; i++) {
        chunks.add(shape[i]);
      }
      d.put("compression", "gzip");
    }
    ArrayNode values = d.putArray("data");
    for (double v : data) {
      values.add(v);
    }
  }

  /** The dataset description at {@code path} in {@code spec}, to change a test case. */
  static ObjectNode find(ObjectNode spec, String path) {
    for (var d : spec.get("datasets")) {
      if (d.get("path").asText().equals(path)) {
        return (ObjectNode) d;
      }
    }
    throw new IllegalArgumentException("no dataset " + path);
  }

  static void remove(ObjectNode spec, String path) {
    Iterator<com.fasterxml.jackson.databind.JsonNode> it = spec.get("datasets").iterator();
    while (it.hasNext()) {
      if (it.next().get("path").asText().equals(path)) {
        it.remove();
        return;
      }
    }
    throw new IllegalArgumentException("no dataset " + path);
  }

  /** Writes {@code spec} to {@code out} with h5py. */
  static Path write(ObjectNode spec, Path out) throws IOException, InterruptedException {
    Files.createDirectories(out.getParent());
    Path json = Files.createTempFile(out.getParent(), ".spec", ".json");
    JSON.writeValue(json.toFile(), spec);
    Path script = Fixtures.projectDir().resolve("tests/h5py/write_hdf5.py");
    File log = Files.createTempFile("h5py", ".log").toFile();
    Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), json.toString(), out.toString())
        .redirectErrorStream(true).redirectOutput(log).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("write_hdf5.py finished").isTrue();
    assertThat(p.exitValue()).as("write_hdf5.py failed: %s", Files.readString(log.toPath())).isZero();
    Files.delete(json);
    return out;
  }

  /** An H.264 MP4 of {@code frames} frames at 30 fps from FFmpeg's test source, written by the ffmpeg CLI. */
  static Path video(Path out, int frames) throws IOException {
    TestVideos.assumeFfmpeg();
    Files.createDirectories(out.getParent());
    TestVideos.ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=30", "-frames:v", String.valueOf(frames),
        "-an", "-c:v", "libx264", "-preset", "ultrafast", "-threads", "1", "-pix_fmt", "yuv420p", out.toString());
    return out;
  }
}
