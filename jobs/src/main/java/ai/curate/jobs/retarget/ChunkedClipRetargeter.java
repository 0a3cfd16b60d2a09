package ai.curate.jobs.retarget;

import ai.curate.retargeting.pose.HandObservation;
import ai.curate.retargeting.pose.PoseFrame;
import ai.curate.retargeting.retarget.ClipRetargeter;
import ai.curate.retargeting.retarget.FrameOutput;
import ai.curate.retargeting.retarget.HandFrameMetrics;
import ai.curate.retargeting.retarget.KeypointFrame;
import ai.curate.retargeting.retarget.RetargetConfig;
import ai.curate.retargeting.kinematics.KinematicTree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streams one clip's pose frames (sorted by frame index) through {@link ClipRetargeter} in chunks of
 * {@code chunkFrames} frames that overlap by {@code overlapFrames}, so memory is bounded by the chunk, not the clip.
 * Each chunk is a complete {@link ClipRetargeter} run (zero-phase smoothing, metrics), its solvers warm-started from
 * the previous chunk's state at the frame before the chunk's first ({@link ClipRetargeter#startFrom}), so the raw
 * per-frame solutions are exactly those of one uninterrupted run; only the smoothing sees the chunk edges. Of the
 * frames two chunks share, the first half is taken from the earlier chunk and the second half from the later one, so
 * every emitted frame is at least half the overlap away from the edge of the chunk it comes from, where the filter's
 * edge transient has died out. With the clip shorter than a chunk this is exactly one {@link ClipRetargeter} run.
 * Every input frame comes out exactly once, in order, with its step index (position in the clip).
 *
 * <p>With an {@link ArmSolver}, each frame's present hands also drive their arm (warm-started through the chunk).
 * Not thread-safe; one instance per task.
 */
final class ChunkedClipRetargeter {
  /** One output frame: the input, the core's output, the full joint vector (canonical order) and its mask. */
  record RetargetedFrame(int stepIndex, PoseFrame input, FrameOutput output, double[] joints, boolean[] mask,
      Map<String, ArmSolver.ArmResult> arms) {}

  private final RetargetConfig config;
  private final int chunkFrames;
  private final int overlapFrames;
  private final ArmSolver arms;
  private final KinematicTree tree;

  ChunkedClipRetargeter(RetargetConfig config, int chunkFrames, int overlapFrames, ArmSolver arms) {
    if (chunkFrames < 1 || overlapFrames < 0 || 2 * overlapFrames >= chunkFrames && overlapFrames > 0) {
      throw new IllegalArgumentException("need chunk_frames >= 1 and 0 <= overlap_frames < chunk_frames / 2, got "
          + chunkFrames + " and " + overlapFrames);
    }
    this.config = config;
    this.chunkFrames = chunkFrames;
    this.overlapFrames = overlapFrames;
    this.arms = arms;
    this.tree = config.tree();
  }

  /** The retargeted frames of a clip, lazily: a chunk is solved when the previous one has been consumed. */
  Iterator<RetargetedFrame> retarget(Iterator<PoseFrame> frames, KeypointFrame keypointFrame) {
    return new Iterator<>() {
      final ArrayDeque<RetargetedFrame> ready = new ArrayDeque<>();
      final List<PoseFrame> buffer = new ArrayList<>(chunkFrames);
      final ClipRetargeter retargeter = new ClipRetargeter(config);
      int keepFrom = 0;
      Map<String, double[]> solverStates;
      Map<String, double[]> armStates;
      int nextStep = 0;
      boolean done;

      @Override
      public boolean hasNext() {
        while (ready.isEmpty() && !done) {
          nextChunk();
        }
        return !ready.isEmpty();
      }

      @Override
      public RetargetedFrame next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.poll();
      }

      private void nextChunk() {
        while (buffer.size() < chunkFrames && frames.hasNext()) {
          buffer.add(frames.next());
        }
        if (buffer.isEmpty()) {
          done = true;
          return;
        }
        boolean last = !frames.hasNext();
        int size = buffer.size();
        int keepTo = last ? size : size - (overlapFrames + 1) / 2;
        // the frame before the next chunk's first: the solvers' state after it starts the next chunk
        int handOver = last ? -1 : size - overlapFrames - 1;
        if (solverStates != null) {
          retargeter.startFrom(solverStates);
        }
        if (arms != null) {
          if (armStates == null) {
            arms.reset();
          } else {
            arms.restore(armStates);
          }
        }
        int[] k = {0};
        int from = keepFrom;
        retargeter.retarget(buffer.iterator(), keypointFrame, out -> {
          int i = k[0]++;
          RetargetedFrame f = assemble(buffer.get(i), out, keypointFrame);
          if (i >= from && i < keepTo) {
            ready.add(new RetargetedFrame(nextStep++, f.input(), f.output(), f.joints(), f.mask(), f.arms()));
          }
          if (i == handOver && arms != null) {
            armStates = arms.state();
          }
        });
        if (last) {
          buffer.clear();
          done = true;
        } else {
          solverStates = retargeter.solverStatesAfter(handOver);
          List<PoseFrame> carry = new ArrayList<>(buffer.subList(size - overlapFrames, size));
          buffer.clear();
          buffer.addAll(carry);
          keepFrom = overlapFrames / 2;
        }
      }
    };
  }

  private RetargetedFrame assemble(PoseFrame in, FrameOutput out, KeypointFrame keypointFrame) {
    double[] joints = new double[tree.dof()];
    boolean[] mask = new boolean[tree.dof()];
    for (Map.Entry<String, Double> j : out.joints().entrySet()) {
      int slot = tree.coordinateIndex(j.getKey());
      joints[slot] = j.getValue();
      mask[slot] = true;
    }
    Map<String, ArmSolver.ArmResult> armResults = new LinkedHashMap<>();
    if (arms != null && keypointFrame == KeypointFrame.CAMERA) {
      for (Map.Entry<String, HandFrameMetrics> h : out.hands().entrySet()) {
        HandObservation obs = in.hands().get(h.getKey());
        if (!h.getValue().present() || obs == null) {
          continue;
        }
        ArmSolver.ArmResult r = arms.solve(h.getKey(), obs.keypoints(), joints);
        if (r != null) {
          armResults.put(h.getKey(), r);
          for (int slot : arms.slots(h.getKey())) {
            mask[slot] = true;
          }
        }
      }
    }
    return new RetargetedFrame(-1, in, out, joints, mask, armResults);
  }
}
