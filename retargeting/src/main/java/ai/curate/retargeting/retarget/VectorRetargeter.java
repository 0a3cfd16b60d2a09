package ai.curate.retargeting.retarget;

import ai.curate.retargeting.kinematics.Cholesky;
import ai.curate.retargeting.kinematics.ForwardKinematics;
import ai.curate.retargeting.kinematics.JointSelection;
import ai.curate.retargeting.kinematics.KinematicTree;
import ai.curate.retargeting.urdf.Joint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Retargets one hand, frame after frame: finds joint angles whose robot vectors (origin link to task
 * link, in the frame link's coordinates) match the scaled human keypoint vectors.
 *
 * <p>Objective, in dex-retargeting's terms: {@code mean_i SmoothL1_delta(|v_i(q) - s h_i|) +
 * temporal_weight |q - q_prev|^2}, subject to the joint limits. Internally it is multiplied by
 * {@code M * delta} (M vectors), which turns it into {@code sum_i rho(r_i) + mu/2 |q - q_prev|^2} with the
 * Huber function {@code rho} and {@code mu = 2 M delta temporal_weight}, and minimised by a bounded
 * Levenberg-Marquardt: Gauss-Newton steps on the Huber loss by iteratively reweighted least squares
 * (weight {@code min(1, delta / r_i)}), joints at a bound whose gradient points outwards held fixed,
 * steps projected onto the bounds and accepted only if they lower the objective. Each frame starts
 * from the previous frame's solution.
 *
 * <p>Not thread-safe; one instance per hand and thread. {@link #solve} allocates nothing.
 */
public final class VectorRetargeter {
  private final KinematicTree tree;
  private final ForwardKinematics fk;
  private final JointSelection columns;
  private final List<String> solvedJoints;
  private final int n;
  private final int nCols;
  private final int vectors;
  private final int slots;
  private final int[] from;
  private final int[] to;
  private final int frame;
  private final int[] humanFrom;
  private final int[] humanTo;
  private final double[] baseWeight;
  private final boolean[] isPinch;
  private final double pinchThreshold;
  private final double scaling;
  private final double[] humanRotation;
  private final double[] lower;
  private final double[] upper;
  private final int[] linksToUpdate;
  private final double delta;
  private final double mu;
  private final int maxIterations;
  private final double tolerance;
  private final double initialDamping;
  private final int[] couplingTarget;
  private final int[][] couplingSources;
  private final double[][] couplingCoefficients;
  private final double[] couplingOffsets;
  private final int[] coupledCoordinates;

  // state and reusable buffers
  private final double[] x;
  private final double[] xPrev;
  private final double[] xTrial;
  private final double[] q;
  private final double[] jac;
  private final double[] hessian;
  private final double[] system;
  private final double[] gradient;
  private final double[] step;
  private final boolean[] free;
  private final int[] freeIndex;
  private final double[] vec = new double[3];
  private final double[] human = new double[3];
  private int lastIterations;
  private boolean lastConverged;
  private double lastCost;
  private double lastVectorError;

  public VectorRetargeter(RetargetConfig config, HandSpec spec) {
    this.tree = config.tree();
    this.fk = new ForwardKinematics(tree);
    this.solvedJoints = config.solvedJoints(spec);
    List<String> cols = new ArrayList<>(solvedJoints);
    spec.couplings().forEach(c -> cols.add(c.joint()));
    this.columns = new JointSelection(tree, cols);
    this.n = solvedJoints.size();
    this.nCols = cols.size();
    this.vectors = spec.taskLinks().size();
    List<PinchSettings.PinchPair> pairs = spec.pinch().pairs();
    this.slots = vectors + pairs.size();
    from = new int[slots];
    to = new int[slots];
    humanFrom = new int[slots];
    humanTo = new int[slots];
    baseWeight = new double[slots];
    isPinch = new boolean[slots];
    for (int i = 0; i < vectors; i++) {
      from[i] = tree.linkIndex(spec.originLinks().get(i));
      to[i] = tree.linkIndex(spec.taskLinks().get(i));
      humanFrom[i] = spec.humanOriginIndices().get(i);
      humanTo[i] = spec.humanTaskIndices().get(i);
      baseWeight[i] = spec.vectorWeights() == null ? 1.0 : spec.vectorWeights().get(i);
    }
    for (int k = 0; k < pairs.size(); k++) {
      int i = vectors + k;
      from[i] = tree.linkIndex(pairs.get(k).robotLinks().get(0));
      to[i] = tree.linkIndex(pairs.get(k).robotLinks().get(1));
      humanFrom[i] = pairs.get(k).humanIndices().get(0);
      humanTo[i] = pairs.get(k).humanIndices().get(1);
      baseWeight[i] = spec.pinch().weight();
      isPinch[i] = true;
    }
    pinchThreshold = spec.pinch().thresholdM();
    frame = tree.linkIndex(spec.frameLink() != null ? spec.frameLink() : spec.originLinks().get(0));
    scaling = spec.scalingFactor();
    humanRotation = new double[9];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        humanRotation[3 * r + c] = spec.humanFrameRotation() == null
            ? (r == c ? 1 : 0)
            : spec.humanFrameRotation().get(r).get(c);
      }
    }
    int[] interesting = new int[2 * slots + 1];
    for (int i = 0; i < slots; i++) {
      interesting[2 * i] = from[i];
      interesting[2 * i + 1] = to[i];
    }
    interesting[2 * slots] = frame;
    linksToUpdate = tree.linksNeededFor(interesting);
    lower = new double[n];
    upper = new double[n];
    for (int c = 0; c < n; c++) {
      Joint j = tree.model().joint(solvedJoints.get(c));
      lower[c] = j.lower();
      upper[c] = j.upper();
    }
    SolverSettings s = spec.solver();
    delta = s.huberDelta();
    mu = 2 * vectors * delta * s.temporalWeight();
    maxIterations = s.maxIterations();
    tolerance = s.tolerance();
    initialDamping = s.initialDamping();
    int nc = spec.couplings().size();
    couplingTarget = new int[nc];
    coupledCoordinates = new int[nc];
    couplingSources = new int[nc][];
    couplingCoefficients = new double[nc][];
    couplingOffsets = new double[nc];
    for (int k = 0; k < nc; k++) {
      Coupling c = spec.couplings().get(k);
      couplingTarget[k] = n + k;
      coupledCoordinates[k] = tree.coordinateIndex(c.joint());
      couplingOffsets[k] = c.offset();
      couplingSources[k] = new int[c.sources().size()];
      couplingCoefficients[k] = new double[c.sources().size()];
      int idx = 0;
      for (Map.Entry<String, Double> e : c.sources().entrySet()) {
        couplingSources[k][idx] = solvedJoints.indexOf(e.getKey());
        couplingCoefficients[k][idx] = e.getValue();
        idx++;
      }
    }
    x = new double[n];
    xPrev = new double[n];
    xTrial = new double[n];
    q = tree.zeroConfiguration();
    jac = new double[3 * nCols];
    hessian = new double[n * n];
    system = new double[n * n];
    gradient = new double[n];
    step = new double[n];
    free = new boolean[n];
    freeIndex = new int[n];
    reset();
  }

  /** Forgets the previous solution: the next frame starts from the middle of the joint ranges. */
  public void reset() {
    for (int c = 0; c < n; c++) {
      double lo = Double.isFinite(lower[c]) ? lower[c] : 0;
      double hi = Double.isFinite(upper[c]) ? upper[c] : 0;
      x[c] = clamp(c, Double.isFinite(lower[c]) && Double.isFinite(upper[c]) ? 0.5 * (lo + hi) : 0);
    }
  }

  /** Joints solved for, in the order of {@link #solution}. */
  public List<String> solvedJoints() {
    return solvedJoints;
  }

  /** Joints that follow solved joints through linear couplings, in the order of {@link #coupledValues}. */
  public List<String> coupledJoints() {
    return columns.names().subList(n, nCols);
  }

  /** Number of {@code double}s {@link #computeTargets} writes: 3 per vector and per pinch pair, plus one weight each. */
  public int targetSize() {
    return 4 * slots;
  }

  /**
   * Turns 21 human keypoints (x, y, z each, metres, in the hand frame the robot's frame link
   * corresponds to) into this hand's vector targets and per-vector weights, at {@code out[o..o+targetSize())}.
   */
  public void computeTargets(double[] keypoints, double[] out, int o) {
    for (int i = 0; i < slots; i++) {
      int a = 3 * humanFrom[i];
      int b = 3 * humanTo[i];
      vec[0] = keypoints[b] - keypoints[a];
      vec[1] = keypoints[b + 1] - keypoints[a + 1];
      vec[2] = keypoints[b + 2] - keypoints[a + 2];
      double weight = baseWeight[i];
      double s = scaling;
      if (isPinch[i]) {
        double d = Math.sqrt(vec[0] * vec[0] + vec[1] * vec[1] + vec[2] * vec[2]);
        weight = d < pinchThreshold ? baseWeight[i] : 0;
        s = 1;
      }
      for (int r = 0; r < 3; r++) {
        out[o + 3 * i + r] = s * (humanRotation[3 * r] * vec[0] + humanRotation[3 * r + 1] * vec[1]
            + humanRotation[3 * r + 2] * vec[2]);
      }
      out[o + 3 * slots + i] = weight;
    }
  }

  /**
   * Solves one frame from targets made by {@link #computeTargets}, starting at (and regularised
   * towards) the previous solution. Read the answer with {@link #solution} and the last* getters.
   */
  public void solve(double[] targets, int o) {
    System.arraycopy(x, 0, xPrev, 0, n);
    double cost = evaluate(x, targets, o, false);
    double damping = initialDamping;
    double growth = 2;
    // the tolerance is on dex-retargeting's objective scale; internally the objective is M * delta larger
    double absoluteTolerance = tolerance * vectors * delta;
    int iterations = 0;
    boolean converged = false;
    boolean needJacobian = true;
    int nf = 0;
    while (iterations < maxIterations) {
      if (needJacobian) {
        buildNormalEquations(targets, o);
        nf = selectFreeVariables();
        needJacobian = false;
        double gmax = 0;
        for (int k = 0; k < nf; k++) {
          gmax = Math.max(gmax, Math.abs(gradient[freeIndex[k]]));
        }
        if (nf == 0 || gmax < 1e-14) {
          converged = true;
          break;
        }
      }
      iterations++;
      if (!solveDampedSystem(nf, damping)) {
        damping *= growth;
        growth *= 2;
        continue;
      }
      double maxStep = 0;
      for (int c = 0; c < n; c++) {
        xTrial[c] = clamp(c, x[c] + step[c]);
        step[c] = xTrial[c] - x[c];
        maxStep = Math.max(maxStep, Math.abs(step[c]));
      }
      if (maxStep < 1e-10) {
        converged = true;
        break;
      }
      double predicted = predictedDecrease();
      double trialCost = evaluate(xTrial, targets, o, false);
      double actual = cost - trialCost;
      if (actual > 0) {
        System.arraycopy(xTrial, 0, x, 0, n);
        cost = trialCost;
        // Nielsen's damping update: shrink a lot when the quadratic model predicted well
        double rho = predicted > 0 ? actual / predicted : 1;
        double t = 2 * rho - 1;
        damping *= Math.max(1.0 / 3, 1 - t * t * t);
        damping = Math.max(damping, 1e-12);
        growth = 2;
        needJacobian = true;
        if (actual <= absoluteTolerance) {
          converged = true;
          break;
        }
      } else {
        if (Math.abs(actual) <= absoluteTolerance && predicted <= absoluteTolerance) {
          // neither the model nor the function see anything left to gain
          converged = true;
          break;
        }
        damping *= growth;
        growth *= 2;
        if (damping > 1e10) {
          converged = true;
          break;
        }
      }
    }
    // leave the kinematics at the solution so the error below is the solution's
    lastCost = evaluate(x, targets, o, true);
    lastIterations = iterations;
    lastConverged = converged;
  }

  /**
   * The objective (internal scale, see the class comment) at {@code sol} with the temporal term
   * anchored at {@code anchor}, and its analytic gradient into {@code gradientOut}. For tests that
   * check the Jacobian algebra against finite differences; overwrites the warm start.
   */
  double objectiveAndGradient(double[] sol, double[] anchor, double[] targets, int o, double[] gradientOut) {
    System.arraycopy(anchor, 0, xPrev, 0, n);
    System.arraycopy(sol, 0, x, 0, n);
    double cost = evaluate(x, targets, o, false);
    buildNormalEquations(targets, o);
    System.arraycopy(gradient, 0, gradientOut, 0, n);
    return cost;
  }

  /** -g.s - s.H.s/2 for the current step, from the undamped normal equations. */
  private double predictedDecrease() {
    double gs = 0;
    double shs = 0;
    for (int a = 0; a < n; a++) {
      double sa = step[a];
      if (sa == 0) {
        continue;
      }
      gs += gradient[a] * sa;
      double hs = 0;
      int ha = a * n;
      for (int b = 0; b < n; b++) {
        hs += hessian[ha + b] * step[b];
      }
      shs += sa * hs;
    }
    return -gs - 0.5 * shs;
  }

  /** Mean vector error (metres, pinch terms excluded) of a configuration against the targets of one frame. */
  public double vectorError(double[] solution, double[] targets, int o) {
    evaluate(solution, targets, o, true);
    return lastVectorError;
  }

  /**
   * The robot's side of each task vector at a configuration of the solved joints (forward kinematics, metres, in the
   * frame link's coordinates): what {@link #computeTargets}' targets are compared with. Writes 3 values per slot at
   * {@code out[o..o+3*slots)}, pinch slots included ({@link #isPinchSlot}). Moves the solver's kinematics to
   * {@code solution}: use a retargeter that is not solving a clip.
   */
  public void robotVectors(double[] solution, double[] out, int o) {
    loadConfiguration(solution);
    for (int i = 0; i < slots; i++) {
      fk.relativePosition(from[i], to[i], frame, out, o + 3 * i);
    }
  }

  /** Task vector slots, pinch pairs included: 3 * this many values in {@link #robotVectors}. */
  public int slotCount() {
    return slots;
  }

  /** True for a pinch pair's slot (not part of the vector error). */
  public boolean isPinchSlot(int i) {
    return isPinch[i];
  }

  /** Copies the current solution (solved joints, in {@link #solvedJoints} order). */
  public void solution(double[] out, int o) {
    System.arraycopy(x, 0, out, o, n);
  }

  /** Values of the coupled joints for a solution, in {@link #coupledJoints} order. */
  public void coupledValues(double[] solution, double[] out, int o) {
    for (int k = 0; k < couplingTarget.length; k++) {
      double v = couplingOffsets[k];
      for (int s = 0; s < couplingSources[k].length; s++) {
        v += couplingCoefficients[k][s] * solution[couplingSources[k][s]];
      }
      out[o + k] = v;
    }
  }

  /** Sets the warm start (e.g. when resuming a clip from a checkpoint). */
  public void setSolution(double[] in, int o) {
    for (int c = 0; c < n; c++) {
      x[c] = clamp(c, in[o + c]);
    }
  }

  public int lastIterations() {
    return lastIterations;
  }

  public boolean lastConverged() {
    return lastConverged;
  }

  /** The last frame's objective in dex-retargeting's scale (mean SmoothL1 plus temporal term). */
  public double lastObjective() {
    return lastCost / (vectors * delta);
  }

  /** Mean vector error of the last solution, metres. */
  public double lastVectorError() {
    return lastVectorError;
  }

  public double lowerLimit(int c) {
    return lower[c];
  }

  public double upperLimit(int c) {
    return upper[c];
  }

  public KinematicTree tree() {
    return tree;
  }

  private double clamp(int c, double v) {
    return v < lower[c] ? lower[c] : (v > upper[c] ? upper[c] : v);
  }

  private void loadConfiguration(double[] sol) {
    for (int c = 0; c < n; c++) {
      q[columns.coordinate(c)] = sol[c];
    }
    for (int k = 0; k < couplingTarget.length; k++) {
      double v = couplingOffsets[k];
      for (int s = 0; s < couplingSources[k].length; s++) {
        v += couplingCoefficients[k][s] * sol[couplingSources[k][s]];
      }
      q[coupledCoordinates[k]] = v;
    }
    fk.update(q, linksToUpdate);
  }

  /** Objective (internal scale) at sol; updates the kinematics to sol. */
  private double evaluate(double[] sol, double[] targets, int o, boolean recordError) {
    loadConfiguration(sol);
    double cost = 0;
    double errorSum = 0;
    for (int i = 0; i < slots; i++) {
      double w = targets[o + 3 * slots + i];
      if (w == 0 && isPinch[i]) {
        continue;
      }
      double r = residualNorm(i, targets, o);
      if (!isPinch[i]) {
        errorSum += r;
      }
      cost += w * (r <= delta ? 0.5 * r * r : delta * (r - 0.5 * delta));
    }
    for (int c = 0; c < n; c++) {
      double d = sol[c] - xPrev[c];
      cost += 0.5 * mu * d * d;
    }
    if (recordError) {
      lastVectorError = errorSum / vectors;
    }
    return cost;
  }

  /** Residual of slot i into vec (robot minus target); returns its norm. */
  private double residualNorm(int i, double[] targets, int o) {
    fk.relativePosition(from[i], to[i], frame, vec, 0);
    vec[0] -= targets[o + 3 * i];
    vec[1] -= targets[o + 3 * i + 1];
    vec[2] -= targets[o + 3 * i + 2];
    return Math.sqrt(vec[0] * vec[0] + vec[1] * vec[1] + vec[2] * vec[2]);
  }

  /** Gauss-Newton normal equations at x (the kinematics must be at x). */
  private void buildNormalEquations(double[] targets, int o) {
    java.util.Arrays.fill(hessian, 0.0);
    for (int c = 0; c < n; c++) {
      gradient[c] = mu * (x[c] - xPrev[c]);
      hessian[c * n + c] = mu;
    }
    for (int i = 0; i < slots; i++) {
      double w = targets[o + 3 * slots + i];
      if (w == 0) {
        continue;
      }
      double r = residualNorm(i, targets, o);
      double irls = w * (r <= delta ? 1.0 : delta / r);
      fk.relativePositionJacobian(from[i], to[i], frame, columns, jac, 0);
      foldCouplings();
      for (int row = 0; row < 3; row++) {
        int base = row * nCols;
        double e = vec[row];
        for (int a = 0; a < n; a++) {
          double ja = jac[base + a];
          if (ja == 0) {
            continue;
          }
          double wja = irls * ja;
          gradient[a] += wja * e;
          int ha = a * n;
          for (int b = a; b < n; b++) {
            hessian[ha + b] += wja * jac[base + b];
          }
        }
      }
    }
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        hessian[b * n + a] = hessian[a * n + b];
      }
    }
  }

  private void foldCouplings() {
    for (int k = 0; k < couplingTarget.length; k++) {
      int t = couplingTarget[k];
      for (int s = 0; s < couplingSources[k].length; s++) {
        int src = couplingSources[k][s];
        double coef = couplingCoefficients[k][s];
        for (int row = 0; row < 3; row++) {
          jac[row * nCols + src] += coef * jac[row * nCols + t];
        }
      }
    }
  }

  /** Marks joints pinned at a bound by an outward gradient as fixed; returns the number of free joints. */
  private int selectFreeVariables() {
    int nf = 0;
    for (int c = 0; c < n; c++) {
      boolean atLower = x[c] <= lower[c] + 1e-12 && gradient[c] > 0;
      boolean atUpper = x[c] >= upper[c] - 1e-12 && gradient[c] < 0;
      free[c] = !(atLower || atUpper);
      if (free[c]) {
        freeIndex[nf++] = c;
      }
    }
    return nf;
  }

  /** step = -(H_ff + damping diag(H_ff))^-1 g_f on the free joints, 0 elsewhere. */
  private boolean solveDampedSystem(int nf, double damping) {
    for (int a = 0; a < nf; a++) {
      int ia = freeIndex[a];
      for (int b = 0; b < nf; b++) {
        system[a * nf + b] = hessian[ia * n + freeIndex[b]];
      }
      system[a * nf + a] += damping * hessian[ia * n + ia] + 1e-12;
      step[a] = -gradient[ia];
    }
    if (!Cholesky.solveInPlace(system, nf, nf, step)) {
      return false;
    }
    // scatter the reduced solution back to full size, from the end so nothing is overwritten early
    for (int a = nf - 1; a >= 0; a--) {
      double v = step[a];
      step[a] = 0;
      step[freeIndex[a]] = v;
    }
    for (int c = 0; c < n; c++) {
      if (!free[c]) {
        step[c] = 0;
      }
    }
    return true;
  }
}
