package ai.curate.retargeting.retarget;

import ai.curate.retargeting.pose.HandObservation;
import ai.curate.retargeting.pose.PoseFrame;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Retargets a whole clip: every frame through each hand's {@link VectorRetargeter} (warm-started
 * frame to frame), then, because the whole clip is at hand, a zero-phase low-pass over each
 * contiguous run of frames where the hand is seen, a clamp to the joint limits, and the metrics.
 * Trajectories are kept in primitive arrays (a 10-minute 30 fps clip of a 22-DoF hand is about 3 MB).
 *
 * <p>Frames must come sorted by frame index. Not thread-safe; one instance per task.
 */
public final class ClipRetargeter {
  private final RetargetConfig config;
  private final List<HandTrack> hands = new ArrayList<>();

  public ClipRetargeter(RetargetConfig config) {
    this.config = config;
    for (HandSpec spec : config.hands()) {
      hands.add(new HandTrack(spec, new VectorRetargeter(config, spec)));
    }
  }

  /**
   * Starts the next {@link #retarget} call's solvers from these states (side to solved joints, in
   * {@link VectorRetargeter#solvedJoints} order) instead of from the middle of the joint ranges: to continue a
   * clip in pieces, pass what {@link #solverStatesAfter} returned for the frame before the next piece's first.
   * A side without a state starts fresh. Applies to the next call only.
   */
  public void startFrom(Map<String, double[]> states) {
    for (HandTrack h : hands) {
      double[] s = states.get(h.spec.side());
      h.startState = s == null ? null : s.clone();
    }
  }

  /**
   * The per-hand solver states after the frame at position {@code k} of the last {@link #retarget} call: the raw
   * (unsmoothed) solution of the last frame at or before it where the hand was solved, else the state that call
   * started from. Feeding it to {@link #startFrom} makes the raw solutions of a continuation exactly those of one
   * uninterrupted call.
   */
  public Map<String, double[]> solverStatesAfter(int k) {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (HandTrack h : hands) {
      if (k < 0 || k >= h.presentAt.size) {
        throw new IllegalArgumentException("frame position " + k + " is outside the last call's " + h.presentAt.size
            + " frames");
      }
      double[] s = h.initial.clone();
      for (int f = k; f >= 0; f--) {
        int p = h.presentAt.data[f];
        if (p >= 0) {
          s = java.util.Arrays.copyOfRange(h.raw.data, p * h.n, (p + 1) * h.n);
          break;
        }
      }
      out.put(h.spec.side(), s);
    }
    return out;
  }

  /** Result of one clip: per-frame outputs in input order and the clip summary. */
  public record Result(List<FrameOutput> frames, ClipSummary summary) {}

  /** Retargets a clip and keeps every output frame in memory: for tests and short clips. */
  public Result retarget(Iterator<PoseFrame> frames, KeypointFrame keypointFrame) {
    List<FrameOutput> out = new ArrayList<>();
    ClipSummary summary = retarget(frames, keypointFrame, out::add);
    return new Result(out, summary);
  }

  /**
   * Retargets a clip and hands each output frame to {@code sink} in input order, without keeping
   * them: memory is the trajectories' primitive arrays only.
   */
  public ClipSummary retarget(Iterator<PoseFrame> frames, KeypointFrame keypointFrame,
      java.util.function.Consumer<FrameOutput> sink) {
    GrowableArrays.Ints frameIndices = new GrowableArrays.Ints();
    GrowableArrays.Doubles pts = new GrowableArrays.Doubles();
    boolean allPts = true;
    int previousIndex = Integer.MIN_VALUE;
    for (HandTrack h : hands) {
      h.start();
    }
    while (frames.hasNext()) {
      PoseFrame f = frames.next();
      if (f.frameIndex() <= previousIndex) {
        throw new IllegalArgumentException("pose frames must be sorted by frame_index with no repeats; frame "
            + f.frameIndex() + " follows " + previousIndex);
      }
      previousIndex = f.frameIndex();
      frameIndices.add(f.frameIndex());
      allPts &= f.ptsUs() != null;
      pts.add(f.ptsUs() == null ? Double.NaN : f.ptsUs());
      for (HandTrack h : hands) {
        h.accept(f.hands().get(h.spec.side()), keypointFrame);
      }
    }
    int count = frameIndices.size;
    double[] t = timeBase(frameIndices.data, pts.data, count, allPts);
    double fps = estimateFps(t, count);
    for (HandTrack h : hands) {
      h.finish(t, fps);
    }
    java.util.Comparator<String> canonical = java.util.Comparator.comparingInt(config.tree()::coordinateIndex);
    for (int k = 0; k < count; k++) {
      Map<String, Double> joints = new TreeMap<>(canonical);
      Map<String, HandFrameMetrics> perHand = new LinkedHashMap<>();
      double errorSum = 0;
      int present = 0;
      for (HandTrack h : hands) {
        HandFrameMetrics m = h.frameMetrics(k);
        perHand.put(h.spec.side(), m);
        if (m.present()) {
          h.putJoints(k, joints);
          errorSum += m.vectorErrorMm();
          present++;
        }
      }
      Long p = Double.isNaN(pts.data[k]) ? null : (long) pts.data[k];
      sink.accept(new FrameOutput(frameIndices.data[k], p, new LinkedHashMap<>(joints),
          present == 0 ? null : errorSum / present, perHand));
    }
    Map<String, HandClipMetrics> summaries = new LinkedHashMap<>();
    for (HandTrack h : hands) {
      summaries.put(h.spec.side(), h.clipMetrics());
    }
    return new ClipSummary(count, fps, summaries);
  }

  /** Seconds per frame: from pts when every frame has one and they increase, else from the fallback rate. */
  private double[] timeBase(int[] frameIndex, double[] ptsUs, int count, boolean allPts) {
    double[] t = new double[count];
    boolean increasing = allPts;
    for (int k = 1; k < count && increasing; k++) {
      increasing = ptsUs[k] > ptsUs[k - 1];
    }
    double fallback = hands.isEmpty() ? 30.0 : hands.get(0).spec.metrics().fallbackFps();
    for (int k = 0; k < count; k++) {
      t[k] = increasing ? (ptsUs[k] - ptsUs[0]) * 1e-6 : (frameIndex[k] - frameIndex[0]) / fallback;
    }
    return t;
  }

  private double estimateFps(double[] t, int count) {
    if (count < 2) {
      return hands.isEmpty() ? 30.0 : hands.get(0).spec.metrics().fallbackFps();
    }
    double[] dt = new double[count - 1];
    for (int k = 1; k < count; k++) {
      dt[k - 1] = t[k] - t[k - 1];
    }
    return 1.0 / TrajectoryStats.median(dt, count - 1);
  }

  /** Everything recorded for one hand over the clip. */
  private final class HandTrack {
    final HandSpec spec;
    final VectorRetargeter solver;
    final int n;
    final int targetSize;
    final int[] usedKeypoints;
    final double[] keypoints = new double[3 * HandObservation.KEYPOINTS];
    final double[] targets;
    final double[] solution;
    final double[] coupled;
    // per clip frame
    final GrowableArrays.Ints presentAt = new GrowableArrays.Ints();
    // per present frame
    GrowableArrays.Doubles raw;
    GrowableArrays.Doubles allTargets;
    GrowableArrays.Doubles solverError;
    GrowableArrays.Ints iterations;
    GrowableArrays.Ints converged;
    double[] smooth;
    double[] finalError;
    double[] speed;
    int[] violations;
    double[] jerk;
    double[] jerkSquares;
    boolean[] jump;
    int[] saturated;
    double jerkSq;
    long jerkCount;
    double rawJerkSq;
    long rawJerkCount;
    double[] startState;
    double[] initial;

    HandTrack(HandSpec spec, VectorRetargeter solver) {
      this.spec = spec;
      this.solver = solver;
      this.n = solver.solvedJoints().size();
      this.targetSize = solver.targetSize();
      this.targets = new double[targetSize];
      this.solution = new double[n];
      this.coupled = new double[solver.coupledJoints().size()];
      java.util.Set<Integer> used = new java.util.TreeSet<>();
      used.addAll(spec.humanOriginIndices());
      used.addAll(spec.humanTaskIndices());
      this.usedKeypoints = used.stream().mapToInt(Integer::intValue).toArray();
    }

    void start() {
      presentAt.size = 0;
      raw = new GrowableArrays.Doubles();
      allTargets = new GrowableArrays.Doubles();
      solverError = new GrowableArrays.Doubles();
      iterations = new GrowableArrays.Ints();
      converged = new GrowableArrays.Ints();
      if (startState != null) {
        solver.setSolution(startState, 0);
        startState = null;
      } else {
        solver.reset();
      }
      initial = new double[n];
      solver.solution(initial, 0);
    }

    void accept(HandObservation obs, KeypointFrame frame) {
      boolean ok = obs != null && obs.meanConfidence(usedKeypoints) >= spec.minConfidence();
      if (ok) {
        if (frame == KeypointFrame.WRIST) {
          System.arraycopy(obs.keypoints(), 0, keypoints, 0, keypoints.length);
        } else {
          ok = HandFrames.toWristFrame(obs.keypoints(), spec.side().equals("right"), keypoints);
        }
      }
      if (ok) {
        for (double v : keypoints) {
          ok &= Double.isFinite(v);
        }
      }
      if (!ok) {
        presentAt.add(-1);
        return;
      }
      solver.computeTargets(keypoints, targets, 0);
      solver.solve(targets, 0);
      solver.solution(solution, 0);
      presentAt.add(iterations.size);
      raw.add(solution, 0, n);
      allTargets.add(targets, 0, targetSize);
      solverError.add(solver.lastVectorError());
      iterations.add(solver.lastIterations());
      converged.add(solver.lastConverged() ? 1 : 0);
    }

    void finish(double[] t, double fps) {
      int m = iterations.size;
      smooth = java.util.Arrays.copyOf(raw.data, m * n);
      double[] tp = new double[m];
      for (int k = 0, p = 0; k < presentAt.size; k++) {
        if (presentAt.data[k] >= 0) {
          tp[p++] = t[k];
        }
      }
      // runs of consecutive clip frames with the hand present
      List<int[]> runs = new ArrayList<>();
      int runStart = -1;
      for (int k = 0; k <= presentAt.size; k++) {
        boolean here = k < presentAt.size && presentAt.data[k] >= 0;
        if (here && runStart < 0) {
          runStart = presentAt.data[k];
        }
        if (!here && runStart >= 0) {
          runs.add(new int[] {runStart, presentAt.data[k - 1] + 1});
          runStart = -1;
        }
      }
      if (spec.smoothing().enabled() && m > 0) {
        ZeroPhaseFilter filter = new ZeroPhaseFilter(Math.min(spec.smoothing().cutoffHz(), 0.45 * fps), fps);
        for (int[] run : runs) {
          for (int c = 0; c < n; c++) {
            filter.filterInPlace(smooth, run[0] * n + c, n, run[1] - run[0]);
          }
        }
        for (int p = 0; p < m; p++) {
          for (int c = 0; c < n; c++) {
            double v = smooth[p * n + c];
            smooth[p * n + c] = Math.max(solver.lowerLimit(c), Math.min(solver.upperLimit(c), v));
          }
        }
      }
      finalError = new double[m];
      saturated = new int[m];
      for (int p = 0; p < m; p++) {
        System.arraycopy(smooth, p * n, solution, 0, n);
        finalError[p] = solver.vectorError(solution, allTargets.data, p * targetSize);
        int s = 0;
        for (int c = 0; c < n; c++) {
          double margin = spec.metrics().limitMarginRad();
          if (solution[c] <= solver.lowerLimit(c) + margin || solution[c] >= solver.upperLimit(c) - margin) {
            s++;
          }
        }
        saturated[p] = s;
      }
      speed = new double[m];
      violations = new int[m];
      jerk = new double[m];
      jump = new boolean[m];
      java.util.Arrays.fill(speed, Double.NaN);
      java.util.Arrays.fill(jerk, Double.NaN);
      jerkSquares = new double[m];
      java.util.Arrays.fill(jerkSquares, Double.NaN);
      double[] vlim = new double[n];
      for (int c = 0; c < n; c++) {
        vlim[c] = config.model().joint(solver.solvedJoints().get(c)).velocityLimit();
      }
      jerkSq = 0;
      jerkCount = 0;
      rawJerkSq = 0;
      rawJerkCount = 0;
      for (int[] run : runs) {
        for (int p = run[0] + 1; p < run[1]; p++) {
          double dt = tp[p] - tp[p - 1];
          double maxSpeed = 0;
          int viol = 0;
          boolean jumped = false;
          for (int c = 0; c < n; c++) {
            double dq = smooth[p * n + c] - smooth[(p - 1) * n + c];
            double v = Math.abs(dq) / dt;
            maxSpeed = Math.max(maxSpeed, v);
            if (v > vlim[c] * (1 + 1e-9)) {
              viol++;
            }
            jumped |= Math.abs(dq) > spec.metrics().jumpThresholdRad();
          }
          speed[p] = maxSpeed;
          violations[p] = viol;
          jump[p] = jumped;
        }
        for (int p = run[0]; p + 3 < run[1]; p++) {
          double h = (tp[p + 3] - tp[p]) / 3;
          double h3 = h * h * h;
          double worst = 0;
          double squares = 0;
          for (int c = 0; c < n; c++) {
            double j = thirdDifference(smooth, p, c) / h3;
            double jr = thirdDifference(raw.data, p, c) / h3;
            worst = Math.max(worst, Math.abs(j));
            squares += j * j;
            jerkSq += j * j;
            rawJerkSq += jr * jr;
            jerkCount++;
            rawJerkCount++;
          }
          jerk[p + 2] = worst;
          jerkSquares[p + 2] = squares;
        }
      }
    }

    private double thirdDifference(double[] x, int p, int c) {
      return x[(p + 3) * n + c] - 3 * x[(p + 2) * n + c] + 3 * x[(p + 1) * n + c] - x[p * n + c];
    }

    HandFrameMetrics frameMetrics(int k) {
      int p = presentAt.data[k];
      if (p < 0) {
        return HandFrameMetrics.absent();
      }
      return new HandFrameMetrics(true, finalError[p] * 1000, solverError.data[p] * 1000, iterations.data[p],
          converged.data[p] == 1, saturated[p], Double.isNaN(speed[p]) ? null : violations[p],
          Double.isNaN(speed[p]) ? null : speed[p], Double.isNaN(jerk[p]) ? null : jerk[p],
          Double.isNaN(speed[p]) ? null : jump[p], Double.isNaN(jerkSquares[p]) ? null : jerkSquares[p]);
    }

    void putJoints(int k, Map<String, Double> joints) {
      int p = presentAt.data[k];
      System.arraycopy(smooth, p * n, solution, 0, n);
      for (int c = 0; c < n; c++) {
        joints.put(solver.solvedJoints().get(c), solution[c]);
      }
      solver.coupledValues(solution, coupled, 0);
      List<String> names = solver.coupledJoints();
      for (int c = 0; c < coupled.length; c++) {
        joints.put(names.get(c), coupled[c]);
      }
    }

    HandClipMetrics clipMetrics() {
      int m = iterations.size;
      double[] mm = new double[m];
      double[] rawMm = new double[m];
      for (int p = 0; p < m; p++) {
        mm[p] = finalError[p] * 1000;
        rawMm[p] = solverError.data[p] * 1000;
      }
      // Counts over the present frames; sums of ints, so exact in any order.
      int sat = java.util.stream.IntStream.range(0, m).map(p -> saturated[p]).sum();
      int viol = java.util.stream.IntStream.range(0, m).map(p -> violations[p]).sum();
      int jumps = (int) java.util.stream.IntStream.range(0, m).filter(p -> jump[p]).count();
      int conv = java.util.stream.IntStream.range(0, m).map(p -> converged.data[p]).sum();
      int maxIt = java.util.stream.IntStream.range(0, m).map(p -> iterations.data[p]).max().orElse(0);
      double itSum = java.util.stream.IntStream.range(0, m).mapToLong(p -> iterations.data[p]).sum();
      return new HandClipMetrics(spec.side(), presentAt.size, m,
          TrajectoryStats.mean(mm, m), TrajectoryStats.percentile(mm, m, 95), TrajectoryStats.max(mm, m),
          TrajectoryStats.mean(rawMm, m),
          m == 0 ? null : (double) sat / ((double) m * n), viol,
          jerkCount == 0 ? null : Math.sqrt(jerkSq / jerkCount),
          rawJerkCount == 0 ? null : Math.sqrt(rawJerkSq / rawJerkCount),
          jumps, m == 0 ? null : itSum / m, m == 0 ? null : maxIt, m == 0 ? null : (double) conv / m);
    }
  }
}
