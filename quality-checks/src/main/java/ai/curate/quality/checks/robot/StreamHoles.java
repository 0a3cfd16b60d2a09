package ai.curate.quality.checks.robot;

import ai.curate.quality.checks.StepValues;
import java.util.Locale;

/**
 * The longest hole of one stream on an episode's grid, fed step by step in time order: a hole is a run of steps
 * without a value of the stream between two steps with one, and its length is the time between those two steps
 * (the stretch of the grid over which the aligned data has nothing from the stream). Runs at the episode's edges,
 * before the stream's first value or after its last, are not holes: they are {@code clock_skew}'s edge offsets.
 * Pure Java; state is a few numbers whatever the episode's length.
 *
 * <p>Why the steps and not the source samples: silver.robot_timesteps keeps per stream only a validity flag and a
 * staleness, not the source sample times. On the grid a hole of G ns in a LINEAR stream (joint states, wrenches)
 * invalidates every step strictly inside it once G exceeds twice align's max gap, so it reads between G and
 * G + 2 grid intervals; a PREVIOUS stream (commands, tactile) keeps its last sample for the max gap first, so its
 * holes read up to that much shorter. Holes shorter than about two grid intervals cannot be seen at all.
 */
public final class StreamHoles {
  private boolean anyValue;
  private long firstTs;
  private boolean anyStep;
  private long lastValueTs;
  private long lastValueStep;
  private long missing;
  private long firstMissingStep;
  private long lastMissingStep;

  private boolean found;
  private long longestNs;
  private long holeFromStep;
  private long holeFromTs;
  private long holeToStep;
  private long holeFirstMissing;
  private long holeLastMissing;
  private long holeMissing;

  /** The next step, in time order: its index, its time and whether the stream has a value there. */
  public void step(long stepIndex, long tsNs, boolean hasValue) {
    if (!anyStep) {
      firstTs = tsNs;
      anyStep = true;
    }
    if (!hasValue) {
      if (anyValue) {
        if (missing == 0) {
          firstMissingStep = stepIndex;
        }
        lastMissingStep = stepIndex;
        missing++;
      }
      return;
    }
    if (anyValue && missing > 0) {
      long hole = tsNs - lastValueTs;
      // Strictly longer: of equal holes the first is reported.
      if (!found || hole > longestNs) {
        found = true;
        longestNs = hole;
        holeFromStep = lastValueStep;
        holeFromTs = lastValueTs;
        holeToStep = stepIndex;
        holeFirstMissing = firstMissingStep;
        holeLastMissing = lastMissingStep;
        holeMissing = missing;
      }
    }
    anyValue = true;
    lastValueTs = tsNs;
    lastValueStep = stepIndex;
    missing = 0;
  }

  /** True once some step had a value of the stream. */
  public boolean anyValue() {
    return anyValue;
  }

  /** The longest hole in ns; 0 when the stream has none (or no value at all). */
  public long longestNs() {
    return found ? longestNs : 0;
  }

  /** True when there is at least one hole. */
  public boolean found() {
    return found;
  }

  /** The steps without a value in the longest hole. */
  public long missingSteps() {
    return found ? holeMissing : 0;
  }

  /**
   * Where the longest hole is, for a message: e.g. {@code joint_state has no value at steps 41-46 (6 steps): 233.3
   * ms from its value at step 40 (1.333 s into the episode, ts_ns 1700000001333333320) to step 47}; null when
   * there is no hole.
   */
  public String describe(String stream) {
    if (!found) {
      return null;
    }
    String steps = holeMissing == 1
        ? "step " + holeFirstMissing + " (1 step)"
        : "steps " + holeFirstMissing + "-" + holeLastMissing + " (" + holeMissing + " steps)";
    return stream + " has no value at " + steps + ": " + StepValues.brief(longestNs / 1e6) + " ms from its value at "
        + "step " + holeFromStep + " (" + String.format(Locale.ROOT, "%.3f", (holeFromTs - firstTs) / 1e9)
        + " s into the episode, ts_ns " + holeFromTs + ") to step " + holeToStep;
  }
}
