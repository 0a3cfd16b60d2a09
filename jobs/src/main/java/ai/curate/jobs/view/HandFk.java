package ai.curate.jobs.view;

import ai.curate.retargeting.retarget.HandFrames;
import ai.curate.retargeting.retarget.HandSpec;
import ai.curate.retargeting.retarget.RetargetConfig;
import ai.curate.retargeting.retarget.VectorRetargeter;
import java.util.List;

/**
 * A clip frame's hand against the Neo hand's forward kinematics, in the terms the retargeter compares them: each task
 * vector (e.g. palm to fingertip) from the human keypoints, rotated and scaled as the solver's targets, and the same
 * vector of the robot hand at the frame's retargeted joints (the output, smoothed, as silver stores them). Their mean
 * distance over the non-pinch vectors is the hand's vector error of the frame (silver's
 * {@code hands[].vector_error_mm}), so the drawing and the table agree.
 */
public final class HandFk {
  /** The vectors of one frame, 3 values each (metres, the robot hand frame); {@code pinch[i]} marks pinch pairs. */
  public record Vectors(double[] human, double[] robot, boolean[] pinch, double meanErrorMm) {}

  private final RetargetConfig config;
  private final List<String> jointNames;

  public HandFk(RetargetConfig config, List<String> jointNames) {
    this.config = config;
    this.jointNames = jointNames;
  }

  /**
   * The vectors of a frame, or null when the frame cannot be compared (no hand config for the side, keypoints that do
   * not define a wrist frame, a joint missing).
   *
   * @param keypoints   21 x 3 keypoints as silver stores them (camera or wrist frame)
   * @param wristFrame  true when the clip's keypoints are already in the wrist frame
   * @param joints      the full Neo joint vector of the frame (canonical order)
   */
  public Vectors of(String side, double[] keypoints, boolean wristFrame, float[] joints) {
    HandSpec spec = config.hands().stream().filter(h -> h.side().equals(side)).findFirst().orElse(null);
    if (spec == null || joints == null || keypoints.length != 63) {
      return null;
    }
    double[] kp = new double[63];
    if (wristFrame) {
      System.arraycopy(keypoints, 0, kp, 0, 63);
    } else if (!HandFrames.toWristFrame(keypoints, "right".equals(side), kp)) {
      return null;
    }
    VectorRetargeter solver = new VectorRetargeter(config, spec);
    List<String> solved = solver.solvedJoints();
    double[] solution = new double[solved.size()];
    for (int c = 0; c < solved.size(); c++) {
      int j = jointNames.indexOf(solved.get(c));
      if (j < 0 || j >= joints.length) {
        return null;
      }
      solution[c] = joints[j];
    }
    int slots = solver.slotCount();
    double[] targets = new double[solver.targetSize()];
    solver.computeTargets(kp, targets, 0);
    double[] robot = new double[3 * slots];
    solver.robotVectors(solution, robot, 0);
    boolean[] pinch = new boolean[slots];
    double sum = 0;
    int count = 0;
    for (int i = 0; i < slots; i++) {
      pinch[i] = solver.isPinchSlot(i);
      if (!pinch[i]) {
        double dx = robot[3 * i] - targets[3 * i];
        double dy = robot[3 * i + 1] - targets[3 * i + 1];
        double dz = robot[3 * i + 2] - targets[3 * i + 2];
        sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
        count++;
      }
    }
    double[] human = java.util.Arrays.copyOf(targets, 3 * slots);
    return new Vectors(human, robot, pinch, count == 0 ? Double.NaN : 1000 * sum / count);
  }
}
