package ai.curate.retargeting.retarget;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.retargeting.kinematics.ForwardKinematics;
import ai.curate.retargeting.kinematics.KinematicTree;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorRetargeterTest {
  @TempDir
  Path dir;

  private static final String FOUR_TIPS = """
      urdf: allegro_hand_right.urdf
      origin_links: [wrist, wrist, wrist, wrist]
      task_links: [link_15.0_tip, link_3.0_tip, link_7.0_tip, link_11.0_tip]
      human_origin_indices: [0, 0, 0, 0]
      human_task_indices: [4, 8, 12, 16]
      scaling_factor: 1.6
      """;

  private static final int[] TASK_INDICES = {4, 8, 12, 16};
  private static final String[] TIPS = {"link_15.0_tip", "link_3.0_tip", "link_7.0_tip", "link_11.0_tip"};

  /** Human keypoints whose scaled wrist-to-tip vectors are exactly the robot's at q. */
  private static double[] keypointsReachedAt(KinematicTree tree, double[] q, double scaling) {
    ForwardKinematics fk = new ForwardKinematics(tree);
    fk.update(q);
    double[] kp = new double[63];
    double[] v = new double[3];
    int wrist = tree.linkIndex("wrist");
    for (int i = 0; i < TIPS.length; i++) {
      fk.relativePosition(wrist, tree.linkIndex(TIPS[i]), wrist, v, 0);
      for (int c = 0; c < 3; c++) {
        kp[3 * TASK_INDICES[i] + c] = v[c] / scaling;
      }
    }
    return kp;
  }

  private static double[] randomWithinLimits(VectorRetargeter r, Random random, double shrink) {
    int n = r.solvedJoints().size();
    double[] x = new double[n];
    for (int c = 0; c < n; c++) {
      double lo = r.lowerLimit(c), hi = r.upperLimit(c), mid = 0.5 * (lo + hi), half = 0.5 * (hi - lo) * shrink;
      x[c] = mid - half + 2 * half * random.nextDouble();
    }
    return x;
  }

  private static double[] fullConfiguration(KinematicTree tree, VectorRetargeter r, double[] solved) {
    double[] q = tree.zeroConfiguration();
    for (int c = 0; c < solved.length; c++) {
      q[tree.coordinateIndex(r.solvedJoints().get(c))] = solved[c];
    }
    double[] coupled = new double[r.coupledJoints().size()];
    r.coupledValues(solved, coupled, 0);
    for (int k = 0; k < coupled.length; k++) {
      q[tree.coordinateIndex(r.coupledJoints().get(k))] = coupled[k];
    }
    return q;
  }

  /**
   * Draws a reachable pose (each joint in the middle {@code spread} of its range), puts the targets of its
   * keypoints in {@code targets}, and sets as {@code r}'s solution a start off that pose by up to {@code noise}/2
   * per joint.
   */
  private static double[] startNearReachablePose(RetargetConfig config, VectorRetargeter r, Random random,
      double spread, double noise, double[] targets) {
    double[] truth = randomWithinLimits(r, random, spread);
    double[] kp = keypointsReachedAt(config.tree(), fullConfiguration(config.tree(), r, truth), 1.6);
    double[] start = truth.clone();
    for (int c = 0; c < start.length; c++) {
      start[c] += noise * (random.nextDouble() - 0.5);
    }
    r.setSolution(start, 0);
    r.computeTargets(kp, targets, 0);
    return start;
  }

  @Test
  void recoversReachableTargetsToASmallFractionOfAMillimetre() {
    RetargetConfig config = RetargetConfig.load(RetargetFixtures.writeConfig(dir,
        FOUR_TIPS + "solver: {temporal_weight: 0.000001, tolerance: 1.0e-12, max_iterations: 200}\n"));
    VectorRetargeter r = new VectorRetargeter(config, config.hands().get(0));
    Random random = new Random(3);
    double[] targets = new double[r.targetSize()];
    for (int trial = 0; trial < 20; trial++) {
      double[] start = startNearReachablePose(config, r, random, 0.8, 0.15, targets);
      assertThat(r.vectorError(start, targets, 0)).as("the start is off target").isGreaterThan(0.001);
      r.solve(targets, 0);
      assertThat(r.lastVectorError()).as("trial %d", trial).isLessThan(1e-4);
      assertThat(r.lastConverged()).isTrue();
    }
  }

  @Test
  void robotVectorsAreWhatTheVectorErrorComparesWithTheTargets() {
    RetargetConfig config = RetargetConfig.load(RetargetFixtures.writeConfig(dir, FOUR_TIPS));
    VectorRetargeter r = new VectorRetargeter(config, config.hands().get(0));
    Random random = new Random(5);
    double[] targets = new double[r.targetSize()];
    double[] pose = startNearReachablePose(config, r, random, 0.8, 0.15, targets);
    double[] robot = new double[3 * r.slotCount()];
    r.robotVectors(pose, robot, 0);
    double sum = 0;
    int vectors = 0;
    for (int i = 0; i < r.slotCount(); i++) {
      if (!r.isPinchSlot(i)) {
        sum += Math.sqrt(Math.pow(robot[3 * i] - targets[3 * i], 2) + Math.pow(robot[3 * i + 1] - targets[3 * i + 1], 2)
            + Math.pow(robot[3 * i + 2] - targets[3 * i + 2], 2));
        vectors++;
      }
    }
    assertThat(vectors).isPositive();
    assertThat(sum / vectors).isCloseTo(r.vectorError(pose, targets, 0), org.assertj.core.api.Assertions.within(1e-12))
        .isGreaterThan(0.001);
  }

  @Test
  void linearCouplingsAreSolvedThrough() {
    RetargetConfig config = RetargetConfig.load(RetargetFixtures.writeConfig(dir, FOUR_TIPS
        + "couplings:\n  - {joint: joint_3.0, sources: {joint_2.0: 0.8}, offset: 0.1}\n"
        + "  - {joint: joint_7.0, sources: {joint_6.0: 0.5, joint_5.0: 0.3}}\n"
        + "solver: {temporal_weight: 0.000001, tolerance: 1.0e-12, max_iterations: 200}\n"));
    VectorRetargeter r = new VectorRetargeter(config, config.hands().get(0));
    assertThat(r.solvedJoints()).hasSize(14).doesNotContain("joint_3.0", "joint_7.0");
    assertThat(r.coupledJoints()).containsExactly("joint_3.0", "joint_7.0");
    Random random = new Random(4);
    double[] targets = new double[r.targetSize()];
    for (int trial = 0; trial < 10; trial++) {
      startNearReachablePose(config, r, random, 0.6, 0.1, targets);
      r.solve(targets, 0);
      assertThat(r.lastVectorError()).as("trial %d", trial).isLessThan(1e-4);
    }
    double[] coupled = new double[2];
    r.coupledValues(new double[] {0, 0, 0.5, 0, 0.2, 0.4, 0, 0, 0, 0, 0, 0, 0, 0}, coupled, 0);
    assertThat(coupled).containsExactly(0.8 * 0.5 + 0.1, 0.5 * 0.4 + 0.3 * 0.2);
  }

  @Test
  void analyticGradientMatchesFiniteDifferencesWithCouplingsAndPinch() {
    RetargetConfig config = RetargetConfig.load(RetargetFixtures.writeConfig(dir, FOUR_TIPS
        + "couplings:\n  - {joint: joint_3.0, sources: {joint_2.0: 0.8}, offset: 0.1}\n"
        + "  - {joint: joint_14.0, sources: {joint_13.0: -0.5, joint_12.0: 0.3}}\n"
        + "pinch:\n  pairs:\n    - {robot_links: [link_15.0_tip, link_3.0_tip], human_indices: [4, 8]}\n"
        + "  threshold_m: 0.5\n"));
    checkGradient(config, new Random(8));
    checkGradient(RetargetConfig.load(RetargetFixtures.neoConfig()), new Random(9));
  }

  private static void checkGradient(RetargetConfig config, Random random) {
    VectorRetargeter r = new VectorRetargeter(config, config.hands().get(0));
    int n = r.solvedJoints().size();
    double[] targets = new double[r.targetSize()];
    double[] analytic = new double[n];
    double[] ignored = new double[n];
    for (int trial = 0; trial < 5; trial++) {
      r.computeTargets(RetargetFixtures.humanKeypoints().get(50 * trial), targets, 0);
      double[] x = randomWithinLimits(r, random, 0.9);
      double[] anchor = randomWithinLimits(r, random, 0.9);
      r.objectiveAndGradient(x, anchor, targets, 0, analytic);
      double h = 1e-7;
      for (int c = 0; c < n; c++) {
        double[] xp = x.clone();
        double[] xm = x.clone();
        xp[c] += h;
        xm[c] -= h;
        double numeric = (r.objectiveAndGradient(xp, anchor, targets, 0, ignored)
            - r.objectiveAndGradient(xm, anchor, targets, 0, ignored)) / (2 * h);
        assertThat(analytic[c]).as("%s d/d%s", config.model().name(), r.solvedJoints().get(c))
            .isCloseTo(numeric, org.assertj.core.api.Assertions.within(1e-7 + 1e-5 * Math.abs(numeric)));
      }
    }
  }

  @Test
  void solutionsStayWithinTheJointLimitsForUnreachableTargets() {
    RetargetConfig config = RetargetConfig.load(RetargetFixtures.writeConfig(dir, FOUR_TIPS));
    VectorRetargeter r = new VectorRetargeter(config, config.hands().get(0));
    double[] targets = new double[r.targetSize()];
    double[] x = new double[r.solvedJoints().size()];
    int atBound = 0;
    for (double[] human : RetargetFixtures.humanKeypoints().subList(0, 60)) {
      double[] far = human.clone();
      for (int i = 0; i < far.length; i++) {
        far[i] *= 3;
      }
      r.computeTargets(far, targets, 0);
      r.solve(targets, 0);
      r.solution(x, 0);
      for (int c = 0; c < x.length; c++) {
        assertThat(x[c]).isBetween(r.lowerLimit(c), r.upperLimit(c));
        if (x[c] == r.lowerLimit(c) || x[c] == r.upperLimit(c)) {
          atBound++;
        }
      }
    }
    assertThat(atBound).as("stretching for far targets pins joints at their limits").isGreaterThan(60);
  }

  @Test
  void pinchPullsTheFingertipsTogether() {
    String pinch = "pinch:\n  pairs:\n    - {robot_links: [link_15.0_tip, link_3.0_tip], human_indices: [4, 8]}\n"
        + "  threshold_m: 0.03\n  weight: 5.0\n";
    RetargetConfig with = RetargetConfig.load(RetargetFixtures.writeConfig(dir, FOUR_TIPS + pinch));
    double withPinch = tipGap(with);
    RetargetConfig without = RetargetConfig.load(RetargetFixtures.writeConfig(dir, FOUR_TIPS));
    double withoutPinch = tipGap(without);
    assertThat(withPinch).as("thumb-index gap with pinch (m)").isLessThan(0.6 * withoutPinch);
  }

  /** Robot thumb-index distance for a human frame whose thumb tip is moved 1 cm from the index tip. */
  private static double tipGap(RetargetConfig config) {
    VectorRetargeter r = new VectorRetargeter(config, config.hands().get(0));
    double[] kp = RetargetFixtures.humanKeypoints().get(100).clone();
    for (int c = 0; c < 3; c++) {
      kp[3 * 4 + c] = kp[3 * 8 + c] + (c == 0 ? 0.01 : 0);
    }
    double[] targets = new double[r.targetSize()];
    r.computeTargets(kp, targets, 0);
    for (int i = 0; i < 20; i++) {
      r.solve(targets, 0);
    }
    double[] x = new double[r.solvedJoints().size()];
    r.solution(x, 0);
    ForwardKinematics fk = new ForwardKinematics(config.tree());
    fk.update(fullConfiguration(config.tree(), r, x));
    double[] d = fk.pose("link_15.0_tip", "link_3.0_tip").position();
    return Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
  }

  @Test
  void solvingAllocatesNothingOnceWarm() {
    RetargetConfig config = RetargetConfig.load(RetargetFixtures.neoConfig());
    VectorRetargeter r = new VectorRetargeter(config, config.hands().get(0));
    List<double[]> frames = RetargetFixtures.humanKeypoints();
    double[] targets = new double[r.targetSize()];
    for (int i = 0; i < 300; i++) {
      r.computeTargets(frames.get(i % frames.size()), targets, 0);
      r.solve(targets, 0);
    }
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long before = bean.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 300; i++) {
      r.computeTargets(frames.get(i % frames.size()), targets, 0);
      r.solve(targets, 0);
    }
    long allocated = bean.getThreadAllocatedBytes(tid) - before;
    assertThat(allocated).as("bytes allocated by 300 frames of a 22-DoF hand").isLessThan(4096);
  }
}
