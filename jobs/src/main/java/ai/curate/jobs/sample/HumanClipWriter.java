package ai.curate.jobs.sample;

import ai.curate.jobs.human.egodex.EgodexDefaults;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes one human clip (docs/raw-formats.md): an egocentric view of two hands reaching for, grasping and moving an
 * object, the video rendered from the same 3-D hand keypoints that go into pose.jsonl (camera frame, metres). As an
 * EgoDex recording ({@code egodexStem} given) the same video and keypoints go to {@code <n>.mp4} and {@code <n>.hdf5}
 * ({@link EgodexFileWriter}) instead of a clip folder.
 */
final class HumanClipWriter {
  static final int FPS = 30;
  static final int WIDTH = 160;
  static final int HEIGHT = 120;
  static final double FX = 128;
  static final double FY = 128;
  static final double CX = WIDTH / 2.0;
  static final double CY = HEIGHT / 2.0;
  private static final double[] OBJECT = {0.02, 0.13, 0.50};
  private static final double[][] REST = {{-0.11, 0.14, 0.36}, {0.10, 0.13, 0.36}};
  private static final int[][] SKIN = {{206, 156, 122}, {222, 172, 138}};

  /**
   * @param dataset the dataset the clip is ingested under ({@code egodex} for an EgoDex recording)
   * @param clipId the clip id it is ingested under ({@code <task>-<n>} for an EgoDex recording)
   */
  record Result(Plans.Clip plan, String dataset, String clipId, String relativeDir, int frames, String videoCodec,
      List<PlantedFault> faults) {}

  private final Path root;
  private final String date;
  private final Plans.Clip plan;
  private final Path dir;
  private final double[][] close = new double[2][];
  private final double[][] open = new double[2][];
  private byte[] background;

  private final String egodexStem;

  HumanClipWriter(Path root, String date, Plans.Clip plan) {
    this(root, date, plan, null);
  }

  /** With {@code egodexStem} non-null, the clip is written as the EgoDex recording {@code <task>/<egodexStem>}. */
  HumanClipWriter(Path root, String date, Plans.Clip plan, String egodexStem) {
    this.root = root;
    this.date = date;
    this.plan = plan;
    this.egodexStem = egodexStem;
    this.dir = root.resolve(egodexStem == null
        ? plan.relativeDir(date)
        : "egodex/date=" + date + "/" + plan.task().name());
    for (Side side : Side.values()) {
      close[side.ordinal()] = null;
      for (TaskCatalog.Grasp g : plan.task().grasps()) {
        if (g.side() == side) {
          close[side.ordinal()] = new double[] {g.closeAt() * plan.durationS()};
          open[side.ordinal()] = new double[] {g.openAt() * plan.durationS()};
        }
      }
    }
  }

  Result write() {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    boolean egodex = egodexStem != null;
    if (!egodex) {
      writeClipJson();
    }
    int frames = (int) Math.floor(plan.durationS() * FPS);
    EgodexFileWriter hdf5 = egodex ? new EgodexFileWriter(frames, new double[] {FX, FY, CX, CY}) : null;
    double[][] points = new double[2][HandModel.KEYPOINTS * 3];
    double[][] confidences = new double[2][HandModel.KEYPOINTS];
    SplittableRandom noise = Seeds.random(plan.seed(), "pose", 0);
    Canvas canvas = new Canvas(WIDTH, HEIGHT);
    double[][][] kp = new double[2][HandModel.KEYPOINTS][3];
    double[][] local = new double[HandModel.KEYPOINTS][3];
    String codec;
    boolean lowConfidence = plan.has(FaultKind.LOW_POSE_CONFIDENCE);
    double lowFrom = 0.2 * plan.durationS();
    double lowTo = 0.8 * plan.durationS();
    int lowFrames = 0;
    try (VideoWriter video = new VideoWriter(dir.resolve(egodex ? egodexStem + ".mp4" : "video.mp4"), WIDTH, HEIGHT,
        FPS);
        BufferedWriter pose = egodex
            ? null
            : Files.newBufferedWriter(dir.resolve("pose.jsonl"), StandardCharsets.UTF_8)) {
      for (int k = 0; k < frames; k++) {
        double t = k / (double) FPS;
        double[] objectPos = OBJECT.clone();
        for (Side side : Side.values()) {
          double g = grasp(side, t);
          double[] wrist = wrist(side, t);
          double[][] rot = rotation(side, t);
          HandModel.local(side, g, local);
          for (int i = 0; i < HandModel.KEYPOINTS; i++) {
            for (int a = 0; a < 3; a++) {
              kp[side.ordinal()][i][a] = wrist[a] + rot[a][0] * local[i][0] + rot[a][1] * local[i][1]
                  + rot[a][2] * local[i][2];
            }
          }
          if (side == Side.RIGHT && contact(side, t) > 0.5) {
            double[] carried = carry(t);
            for (int a = 0; a < 3; a++) {
              objectPos[a] += carried[a];
            }
          }
        }
        render(canvas, kp, objectPos);
        if (plan.has(FaultKind.DARK_VIDEO)) {
          canvas.scaleBrightness(0.09);
        }
        if (plan.has(FaultKind.BLURRED_VIDEO)) {
          canvas.blur(3, 3);
        }
        video.write(canvas);
        boolean low = lowConfidence && t >= lowFrom && t <= lowTo;
        if (low) {
          lowFrames++;
        }
        observe(kp, noise, low, points, confidences);
        if (egodex) {
          hdf5.frame(k, k / (double) FPS, points, confidences);
        } else {
          pose.write(poseLine(k, points, confidences));
          pose.write('\n');
        }
      }
      codec = video.codec();
      if (egodex) {
        hdf5.write(dir.resolve(egodexStem + ".hdf5"), plan.task().name(), plan.task().prompt());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the pose track of " + dir, e);
    }
    List<PlantedFault> faults = new ArrayList<>();
    for (Plans.FaultSpec f : plan.faults()) {
      String file = switch (f.kind()) {
        case DARK_VIDEO, BLURRED_VIDEO -> "video.mp4";
        case LOW_POSE_CONFIDENCE -> "pose.jsonl";
        default -> "clip.json";
      };
      boolean windowed = f.kind() == FaultKind.LOW_POSE_CONFIDENCE;
      faults.add(new PlantedFault(null, f.kind(), plan.relativeDir(date) + "/" + file, null, null, plan.dataset(),
          plan.clipId(), plan.clipId(), windowed ? "right" : null, null,
          windowed ? Math.round(lowFrom * 1e9) : null, windowed ? Math.round(lowTo * 1e9) : null,
          windowed ? lowFrames : f.kind() == FaultKind.MISSING_CONSENT ? 0 : frames));
    }
    if (egodex) {
      String relative = "egodex/date=" + date + "/" + plan.task().name() + "/" + egodexStem + ".hdf5";
      return new Result(plan, ai.curate.jobs.human.ClipLocation.EGODEX_DATASET, plan.task().name() + "-" + egodexStem,
          relative,
          frames, codec, faults);
    }
    return new Result(plan, plan.dataset(), plan.clipId(), plan.relativeDir(date), frames, codec, faults);
  }

  private void writeClipJson() {
    ObjectNode c = SampleJson.object();
    c.put("format", "human-clip");
    c.put("format_version", 1);
    c.put("clip_id", plan.clipId());
    c.put("dataset", plan.dataset());
    c.put("source_uri", "https://data.example.org/" + plan.dataset() + "/raw/" + plan.clipId() + ".mp4");
    c.put("license", plan.license());
    if (!plan.has(FaultKind.MISSING_CONSENT)) {
      c.put("consent", true);
    }
    c.put("task", plan.task().name());
    c.put("prompt", plan.task().prompt());
    c.put("keypoint_frame", "camera");
    ObjectNode cam = c.putObject("camera");
    ArrayNode k = cam.putArray("intrinsics");
    k.add(FX).add(FY).add(CX).add(CY);
    cam.put("width", WIDTH);
    cam.put("height", HEIGHT);
    // Camera optical frame (x right, y down, z forward) in the head frame (x forward, y left, z up), 8 cm ahead.
    // The pose an EgoDex recording is given too, so either layout of one motion retargets alike.
    ArrayNode tf = cam.putArray("T_head_camera");
    for (double v : EgodexDefaults.T_HEAD_CAMERA) {
      tf.add(v);
    }
    SampleJson.writePretty(dir.resolve("clip.json"), c);
  }

  /**
   * What the pose estimator reports for one frame, per side (right, left): the keypoints with 1 mm of noise, rounded
   * to 10 micrometres as pose.jsonl writes them, and per-keypoint confidences.
   */
  private static void observe(double[][][] kp, SplittableRandom noise, boolean lowRight, double[][] points,
      double[][] confidences) {
    for (Side side : new Side[] {Side.RIGHT, Side.LEFT}) {
      boolean low = lowRight && side == Side.RIGHT;
      for (int i = 0; i < HandModel.KEYPOINTS; i++) {
        for (int a = 0; a < 3; a++) {
          points[side.ordinal()][3 * i + a] = SampleJson.round(kp[side.ordinal()][i][a] + 0.001 * noise.nextGaussian(),
              5);
        }
        boolean tip = i % 4 == 0 && i > 0;
        double c = low ? 0.1 + 0.2 * noise.nextDouble() : (tip ? 0.88 : 0.93) + 0.06 * (noise.nextDouble() - 0.5);
        confidences[side.ordinal()][i] = SampleJson.round(Math.min(0.99, c), 3);
      }
    }
  }

  private static String poseLine(int frame, double[][] points, double[][] confidences) {
    ObjectNode line = SampleJson.object();
    line.put("frame_index", frame);
    line.put("pts_us", Math.round(frame * 1e6 / FPS));
    ArrayNode hands = line.putArray("hands");
    for (Side side : new Side[] {Side.RIGHT, Side.LEFT}) {
      ObjectNode h = hands.addObject();
      h.put("side", side.label);
      ArrayNode pts = h.putArray("keypoints_3d");
      ArrayNode conf = h.putArray("confidence");
      for (int i = 0; i < HandModel.KEYPOINTS; i++) {
        ArrayNode p = pts.addArray();
        for (int a = 0; a < 3; a++) {
          p.add(points[side.ordinal()][3 * i + a]);
        }
        conf.add(confidences[side.ordinal()][i]);
      }
    }
    return SampleJson.line(line);
  }

  // ---------------------------------------------------------------- motion

  private double grasp(Side side, double t) {
    double[] c = close[side.ordinal()];
    if (c == null) {
      return 0.05;
    }
    double[] out = new double[2];
    double o = open[side.ordinal()][0];
    Smooth.window(t, c[0], o, Math.min(0.5, (o - c[0]) / 3), out);
    return 0.05 + 0.9 * out[0];
  }

  private double contact(Side side, double t) {
    return Smooth.step((grasp(side, t) - 0.55) / 0.35);
  }

  /** How far the hand has moved the object since grasping it. */
  private double[] carry(double t) {
    double[] c = close[Side.RIGHT.ordinal()];
    if (c == null) {
      return new double[3];
    }
    double o = open[Side.RIGHT.ordinal()][0];
    double s = Smooth.step((t - c[0] - 0.3) / Math.max(0.3, o - c[0] - 0.6));
    return new double[] {-0.06 * s, -0.03 * s, 0};
  }

  private double[] wrist(Side side, double t) {
    int s = side.ordinal();
    double[] rest = REST[s];
    double sway = side == Side.LEFT ? 0.4 : 0.0;
    double[] p = {
        rest[0] + 0.01 * Math.sin(0.9 * t + sway),
        rest[1] + 0.008 * Math.sin(0.7 * t + 1 + sway),
        rest[2] + 0.01 * Math.sin(0.5 * t + 2 + sway)};
    double[] c = close[s];
    if (c == null) {
      return p;
    }
    double o = open[s][0];
    double from = Math.max(0, c[0] - 1.0);
    double to = Math.min(plan.durationS(), o + 0.6);
    double[] reach = new double[2];
    Smooth.window(t, from, to, Math.min(0.8, (to - from) / 3), reach);
    double[] target = {OBJECT[0] + (side == Side.RIGHT ? 0.035 : -0.035), OBJECT[1] - 0.01, OBJECT[2] - 0.09};
    for (int a = 0; a < 3; a++) {
      p[a] += reach[0] * (target[a] - p[a]);
    }
    if (side == Side.RIGHT) {
      double[] carried = carry(t);
      for (int a = 0; a < 3; a++) {
        p[a] += reach[0] * carried[a];
      }
    }
    return p;
  }

  /** Hand orientation in the camera frame: fingers forward and slightly up, palm down, a little pronation. */
  private static double[][] rotation(Side side, double t) {
    double[] z = HandModel.normalize(side == Side.RIGHT ? -0.15 : 0.15, -0.30, 0.94);
    double[] v = {0, 1, 0};
    double dot = v[0] * z[0] + v[1] * z[1] + v[2] * z[2];
    double[] x = HandModel.normalize(v[0] - dot * z[0], v[1] - dot * z[1], v[2] - dot * z[2]);
    double[] y = cross(z, x);
    double alpha = 0.3 * Math.sin(0.5 * t + side.ordinal());
    double[] xr = new double[3];
    for (int a = 0; a < 3; a++) {
      xr[a] = Math.cos(alpha) * x[a] + Math.sin(alpha) * y[a];
    }
    double[] yr = cross(z, xr);
    return new double[][] {{xr[0], yr[0], z[0]}, {xr[1], yr[1], z[1]}, {xr[2], yr[2], z[2]}};
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }

  // ---------------------------------------------------------------- rendering

  private void render(Canvas c, double[][][] kp, double[] object) {
    if (background == null) {
      int horizon = (int) (0.42 * HEIGHT);
      c.verticalGradient(0, horizon, new int[] {205, 198, 186}, new int[] {176, 168, 156});
      c.stripes(horizon, HEIGHT, 9, new int[] {118, 124, 132}, new int[] {104, 110, 118});
      c.fillRect(0, horizon - 2, WIDTH, horizon + 1, 70, 72, 78);
      background = c.snapshot();
    } else {
      c.restore(background);
    }
    // The object: a cup-sized box, 7 cm wide and 9 cm tall.
    double[] a = project(object[0] - 0.035, object[1] - 0.09, object[2]);
    double[] b = project(object[0] + 0.035, object[1], object[2]);
    c.fillRect(a[0], a[1], b[0], b[1], 236, 236, 240);
    c.fillRect(a[0], a[1], b[0], a[1] + 2, 150, 40, 40);
    for (Side side : new Side[] {Side.LEFT, Side.RIGHT}) {
      double[][] pts = kp[side.ordinal()];
      int[] skin = SKIN[side.ordinal()];
      for (int[] bone : HandModel.BONES) {
        double[] p = project(pts[bone[0]][0], pts[bone[0]][1], pts[bone[0]][2]);
        double[] q = project(pts[bone[1]][0], pts[bone[1]][1], pts[bone[1]][2]);
        double width = Math.max(2, 0.014 * FX / pts[bone[0]][2]);
        c.line(p[0], p[1], q[0], q[1], width, skin[0], skin[1], skin[2]);
      }
      for (int tip : HandModel.FINGERTIPS) {
        double[] p = project(pts[tip][0], pts[tip][1], pts[tip][2]);
        c.fillCircle(p[0], p[1], 1.5, 240, 210, 200);
      }
    }
  }

  private static double[] project(double x, double y, double z) {
    double zz = Math.max(0.05, z);
    return new double[] {FX * x / zz + CX, FY * y / zz + CY};
  }
}
