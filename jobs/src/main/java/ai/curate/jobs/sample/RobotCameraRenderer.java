package ai.curate.jobs.sample;

/**
 * Draws what Neo's cameras would roughly see: a table and wall, the task's object, and the hands, placed from the
 * arm joints and opened/closed from the grasp level. Simple shapes, but they move with the logged joints.
 */
final class RobotCameraRenderer {
  private static final int[] WALL_TOP = {196, 200, 206};
  private static final int[] WALL_BOTTOM = {160, 164, 170};
  private static final int[] WOOD_A = {150, 112, 72};
  private static final int[] WOOD_B = {128, 94, 58};

  private final NeoMotion motion;
  private final int lShoulderYaw;
  private final int lElbow;
  private final int lShoulderPitch;
  private final int rShoulderYaw;
  private final int rElbow;
  private final int rShoulderPitch;
  private final int rWristYaw;
  private final int neckYaw;
  private byte[] headBackground;
  private byte[] wristPattern;

  RobotCameraRenderer(NeoMotion motion) {
    this.motion = motion;
    lShoulderYaw = motion.jointIndex("left_shoulder_yaw");
    lElbow = motion.jointIndex("left_elbow");
    lShoulderPitch = motion.jointIndex("left_shoulder_pitch");
    rShoulderYaw = motion.jointIndex("right_shoulder_yaw");
    rElbow = motion.jointIndex("right_elbow");
    rShoulderPitch = motion.jointIndex("right_shoulder_pitch");
    rWristYaw = motion.jointIndex("right_wrist_yaw");
    neckYaw = motion.jointIndex("neck_yaw");
  }

  void render(String camera, Canvas c, double t, double[] q) {
    if (camera.startsWith("wrist")) {
      wrist(c, t, q);
    } else {
      head(c, t, q);
    }
  }

  private void head(Canvas c, double t, double[] q) {
    int w = c.width();
    int h = c.height();
    double pan = 12 * motion.deviation(neckYaw, q[neckYaw]);
    if (headBackground == null) {
      int horizon = (int) (0.45 * h);
      c.verticalGradient(0, horizon, WALL_TOP, WALL_BOTTOM);
      c.stripes(horizon, h, 7, WOOD_A, WOOD_B);
      c.fillRect(0, horizon - 2, w, horizon + 1, 90, 70, 50);
      headBackground = c.snapshot();
    } else {
      c.restore(headBackground);
    }
    double lu = w * (0.30 + 0.10 * motion.deviation(lShoulderYaw, q[lShoulderYaw])) - pan;
    double lv = h * (0.68 + 0.10 * motion.deviation(lElbow, q[lElbow])
        + 0.04 * motion.deviation(lShoulderPitch, q[lShoulderPitch]));
    double ru = w * (0.70 + 0.10 * motion.deviation(rShoulderYaw, q[rShoulderYaw])) - pan;
    double rv = h * (0.68 + 0.10 * motion.deviation(rElbow, q[rElbow])
        + 0.04 * motion.deviation(rShoulderPitch, q[rShoulderPitch]));
    Plans.Episode e = motion.episodeAt(t);
    int[] colour = objectColour(e);
    double cl = motion.contact(Side.LEFT, t);
    double cr = motion.contact(Side.RIGHT, t);
    if (e != null) {
      if (cr > 0.5) {
        c.fillRect(ru - 7, rv - 16, ru + 7, rv - 6, colour[0], colour[1], colour[2]);
      } else if (cl > 0.5) {
        c.fillRect(lu - 7, lv - 16, lu + 7, lv - 6, colour[0], colour[1], colour[2]);
      } else {
        double ou = w * 0.52 - pan;
        c.fillRect(ou - 8, h * 0.56, ou + 8, h * 0.66, colour[0], colour[1], colour[2]);
      }
    }
    hand(c, lu, lv, motion.grasp(Side.LEFT, t), w * 0.18 - pan, h);
    hand(c, ru, rv, motion.grasp(Side.RIGHT, t), w * 0.82 - pan, h);
  }

  private static void hand(Canvas c, double u, double v, double grasp, double shoulderU, double bottom) {
    c.line(shoulderU, bottom + 4, u, v + 6, 7, 70, 74, 82);
    c.fillRect(u - 7, v - 4, u + 7, v + 6, 220, 222, 226);
    double gap = 2 + 8 * (1 - grasp);
    c.line(u - gap / 2 - 2, v - 4, u - gap / 2 - 2, v - 14, 3, 40, 42, 48);
    c.line(u + gap / 2 + 2, v - 4, u + gap / 2 + 2, v - 14, 3, 40, 42, 48);
  }

  private void wrist(Canvas c, double t, double[] q) {
    int w = c.width();
    int h = c.height();
    double shift = 30 * motion.deviation(rWristYaw, q[rWristYaw]);
    if (wristPattern == null) {
      // One row of vertical stripes with a period of 8 pixels, 16 pixels wider than the frame for shifting.
      wristPattern = new byte[(w + 16) * 3];
      for (int x = 0; x < w + 16; x++) {
        boolean dark = x % 8 < 4;
        wristPattern[x * 3] = (byte) (dark ? 56 : 66);
        wristPattern[x * 3 + 1] = (byte) (dark ? 90 : 104);
        wristPattern[x * 3 + 2] = (byte) (dark ? 122 : 140);
      }
    }
    c.repeatRow(wristPattern, (int) Math.floor(((shift % 8) + 8) % 8));
    double g = motion.grasp(Side.RIGHT, t);
    Plans.Episode e = motion.episodeAt(t);
    if (e != null && g > 0.05) {
      int[] colour = objectColour(e);
      double size = 10 + 40 * g;
      c.fillRect(w / 2.0 - size / 2, h / 2.0 - size / 2, w / 2.0 + size / 2, h / 2.0 + size / 2,
          colour[0], colour[1], colour[2]);
    }
    double gap = 0.1 * w + 0.3 * w * (1 - g);
    c.line(w / 2.0 - gap, h, w / 2.0 - gap / 3, h * 0.35, 10, 45, 47, 52);
    c.line(w / 2.0 + gap, h, w / 2.0 + gap / 3, h * 0.35, 10, 45, 47, 52);
  }

  private static int[] objectColour(Plans.Episode e) {
    if (e == null) {
      return new int[] {200, 60, 50};
    }
    return switch (e.task().name()) {
      case "fold_towel" -> new int[] {60, 120, 200};
      case "pick_place_cup" -> new int[] {230, 230, 235};
      case "open_drawer" -> new int[] {90, 60, 40};
      case "wipe_table" -> new int[] {240, 210, 60};
      case "handover_box" -> new int[] {190, 150, 100};
      default -> new int[] {200, 60, 50};
    };
  }
}
