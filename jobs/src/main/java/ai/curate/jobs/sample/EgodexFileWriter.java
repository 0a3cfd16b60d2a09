package ai.curate.jobs.sample;

import ai.curate.jobs.human.egodex.EgodexJoints;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a sample clip's hands as an EgoDex HDF5 file (docs/raw-formats.md, "EgoDex recording") with jHDF: a head
 * camera that moves through an ARKit-style world (y up), every tracked joint's world transform such that the inverse
 * camera transform gives back exactly the camera-frame keypoints of the clip folder's pose.jsonl, per-joint
 * confidences, the four finger metacarpals of each hand (which the reader does not use), and the attributes EgoDex
 * files carry. Transforms are chunked and deflate-compressed, as in the released files; they are stored as float64
 * (EgoDex ships float32) so that one motion in either layout gives the same pose rows to the last float32 bit.
 */
final class EgodexFileWriter {
  private static final String[] METACARPAL_FINGERS = {"IndexFinger", "MiddleFinger", "RingFinger", "LittleFinger"};
  private static final int CHUNK_FRAMES = 64;

  private final int frames;
  private final double[] intrinsics;
  private final double[][][] camera;
  private final Map<String, double[][][]> joints = new LinkedHashMap<>();
  private final Map<String, double[]> confidences = new LinkedHashMap<>();

  /**
   * @param intrinsics fx, fy, cx, cy of the video
   */
  EgodexFileWriter(int frames, double[] intrinsics) {
    this.frames = frames;
    this.intrinsics = intrinsics.clone();
    this.camera = new double[frames][][];
  }

  /**
   * Frame {@code k} at {@code t} seconds: per side (indexed by {@link Side#ordinal()}) 21 camera-frame keypoints
   * (x, y, z flat, MANO order) and their confidences.
   */
  void frame(int k, double t, double[][] points, double[][] conf) {
    double[][] c = cameraPose(t);
    camera[k] = c;
    for (Side side : Side.values()) {
      int s = side.ordinal();
      List<String> names = EgodexJoints.of(side.label);
      for (int j = 0; j < names.size(); j++) {
        put(names.get(j), k, c, points[s][3 * j], points[s][3 * j + 1], points[s][3 * j + 2], conf[s][j]);
      }
      // Metacarpals: a third of the way from the wrist to each knuckle (index 5, 9, 13, 17 in MANO order).
      for (int f = 0; f < METACARPAL_FINGERS.length; f++) {
        int knuckle = 5 + 4 * f;
        double[] p = new double[3];
        for (int a = 0; a < 3; a++) {
          p[a] = points[s][a] + (points[s][3 * knuckle + a] - points[s][a]) / 3;
        }
        put(side.label + METACARPAL_FINGERS[f] + "Metacarpal", k, c, p[0], p[1], p[2], conf[s][knuckle]);
      }
    }
  }

  /** Joint {@code name} at frame k: the camera's orientation, at camera-frame point (x, y, z). */
  private void put(String name, int k, double[][] c, double x, double y, double z, double conf) {
    double[][] t = new double[4][4];
    for (int r = 0; r < 3; r++) {
      System.arraycopy(c[r], 0, t[r], 0, 3);
      t[r][3] = c[r][0] * x + c[r][1] * y + c[r][2] * z + c[r][3];
    }
    t[3][3] = 1;
    joints.computeIfAbsent(name, n -> new double[frames][][])[k] = t;
    confidences.computeIfAbsent(name, n -> new double[frames])[k] = conf;
  }

  /**
   * The head camera in the world at {@code t}: the optical frame (x right, y down, z forward) turned into an ARKit world
   * (y up, the camera looking along -z), swaying a little and drifting forward.
   */
  static double[][] cameraPose(double t) {
    double yaw = 0.05 * Math.sin(0.7 * t);
    double pitch = -0.35 + 0.04 * Math.sin(0.5 * t + 1);
    double cy = Math.cos(yaw);
    double sy = Math.sin(yaw);
    double cp = Math.cos(pitch);
    double sp = Math.sin(pitch);
    // R = Ry(yaw) * Rx(pitch) * diag(1, -1, -1)
    double[][] rx = {{1, 0, 0}, {0, cp, -sp}, {0, sp, cp}};
    double[][] ry = {{cy, 0, sy}, {0, 1, 0}, {-sy, 0, cy}};
    double[][] flip = {{1, 0, 0}, {0, -1, 0}, {0, 0, -1}};
    double[][] r = multiply(multiply(ry, rx), flip);
    return new double[][] {
        {r[0][0], r[0][1], r[0][2], 0.02 * Math.sin(0.4 * t)},
        {r[1][0], r[1][1], r[1][2], 1.45 + 0.01 * Math.sin(0.9 * t)},
        {r[2][0], r[2][1], r[2][2], -0.01 * t},
        {0, 0, 0, 1}};
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    double[][] out = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 3; k++) {
          out[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return out;
  }

  void write(Path file, String task, String description) {
    DatasetCreationOptions compressed = DatasetCreationOptions.builder()
        .chunkDimensions(Math.max(1, Math.min(CHUNK_FRAMES, frames)), 4, 4).deflate().build();
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putAttribute("task", task);
      hdf.putAttribute("llm_description", description);
      hdf.putAttribute("environment", "sample kitchen table");
      hdf.putAttribute("session_name", "sample-session");
      WritableGroup cam = hdf.putGroup("camera");
      cam.putDataset("intrinsic", new double[][] {
          {intrinsics[0], 0, intrinsics[2]}, {0, intrinsics[1], intrinsics[3]}, {0, 0, 1}});
      WritableGroup transforms = hdf.putGroup("transforms");
      transforms.putDataset(EgodexJoints.CAMERA, camera, compressed);
      WritableGroup conf = hdf.putGroup("confidences");
      for (Map.Entry<String, double[][][]> e : joints.entrySet()) {
        transforms.putDataset(e.getKey(), e.getValue(), compressed);
        conf.putDataset(e.getKey(), confidences.get(e.getKey()));
      }
    }
  }
}
