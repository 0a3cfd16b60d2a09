package ai.curate.jobs.clips;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Cuts one episode's steps, in step order, into clips of {@code frames} frames at {@code fps}: frame {@code k} of a
 * clip is the step nearest to the clip's start time + {@code k / fps} (so a 30 Hz episode gives a 10 fps clip every
 * third step, and a 15 Hz one a 30 fps clip each step twice). The next clip starts at the step nearest to the start
 * + {@code stride / fps}. A clip never holds or spans an invalid step: an invalid step ends the run of valid steps,
 * and the next clip starts at the next valid step. A run's tail too short for a clip is dropped and counted.
 *
 * <p>Streaming: steps are offered one at a time and clips come out as soon as their last frame is known, so memory
 * is the steps of one clip's span (plus the stride), whatever the episode's length. Pure logic, no Spark.
 *
 * @param <T> what a step carries along into its clip (its record values)
 */
public final class ClipWindows<T> {
  /**
   * One step: its index and time, whether the clip's requirements hold at it ({@code valid}: a clip may span it),
   * whether a clip may show it as one of its frames ({@code pickable}: e.g. every requested camera has a frame at
   * it), and its payload.
   */
  public record Step<T>(long index, long tsNs, boolean valid, boolean pickable, T payload) {
    /** A step a clip may span and show. */
    public Step(long index, long tsNs, boolean valid, T payload) {
      this(index, tsNs, valid, true, payload);
    }
  }

  /** A clip: its {@code frames} picked steps in order (a step repeats when the clip's rate exceeds the steps'). */
  public record Window<T>(List<Step<T>> frames) {
    public Step<T> first() {
      return frames.get(0);
    }

    public Step<T> last() {
      return frames.get(frames.size() - 1);
    }
  }

  private final int frames;
  private final double periodNs;
  private final int stride;
  /** Valid steps from the current start on. */
  private final ArrayDeque<Step<T>> buffer = new ArrayDeque<>();
  /** Target time of the next clip's start (its step is the one nearest to it), or NaN: the next valid step. */
  private double nextStart = Double.NaN;
  private long clips;
  private long droppedTails;
  private long droppedSteps;
  /** Valid steps of the current run after its last clip's last step: what a dropped tail loses. */
  private long uncoveredInRun;

  public ClipWindows(int frames, double fps, int stride) {
    if (frames < 1 || !(fps > 0) || stride < 1) {
      throw new IllegalArgumentException("frames, fps and stride must be positive");
    }
    this.frames = frames;
    this.periodNs = 1e9 / fps;
    this.stride = stride;
  }

  /** Offers the next step (increasing index and time); returns the clips it completes, in start order. */
  public List<Window<T>> offer(Step<T> step) {
    List<Window<T>> out = new ArrayList<>(1);
    if (!step.valid()) {
      // The last valid step may still close a clip whose end is within half a frame of it.
      completeAtEnd(out);
      endRun();
      return out;
    }
    buffer.addLast(step);
    uncoveredInRun++;
    if (!Double.isNaN(nextStart)) {
      // The next clip's start is the step nearest to its target time: a newer step may be nearer.
      dropBefore(nextStart);
    }
    while (true) {
      Window<T> w = tryComplete(false);
      if (w == null) {
        break;
      }
      out.add(w);
    }
    return out;
  }

  /** The episode ended: closes what its last steps can, and counts the rest as a dropped tail. */
  public List<Window<T>> finish() {
    List<Window<T>> out = new ArrayList<>(1);
    completeAtEnd(out);
    endRun();
    return out;
  }

  private void completeAtEnd(List<Window<T>> out) {
    while (true) {
      Window<T> w = tryComplete(true);
      if (w == null) {
        return;
      }
      out.add(w);
    }
  }

  private void endRun() {
    if (uncoveredInRun > 0) {
      droppedTails++;
      droppedSteps += uncoveredInRun;
    }
    uncoveredInRun = 0;
    buffer.clear();
    nextStart = Double.NaN;
  }

  /**
   * The clip starting at the buffer's first step, when its last frame is known: a step at or past the last
   * frame's time is buffered, or ({@code atEnd}) the last buffered step is within half a frame of it. When a frame
   * would show a step that cannot be shown, the clip starts one step later instead.
   */
  private Window<T> tryComplete(boolean atEnd) {
    while (true) {
      if (buffer.isEmpty()) {
        return null;
      }
      if (!atEnd && !Double.isNaN(nextStart) && buffer.peekLast().tsNs() < nextStart) {
        return null; // a step still to come may be nearer to the next start than the first buffered one
      }
      List<Step<T>> picked = pick(atEnd);
      if (picked == null) {
        return null;
      }
      if (picked.stream().allMatch(Step::pickable)) {
        return emit(picked);
      }
      buffer.pollFirst();
    }
  }

  /** The frames of the clip starting at the buffer's first step, or null while its last frame is not known. */
  private List<Step<T>> pick(boolean atEnd) {
    double start = buffer.peekFirst().tsNs();
    double end = start + (frames - 1) * periodNs;
    Step<T> last = buffer.peekLast();
    if (last.tsNs() < end && !(atEnd && last.tsNs() >= end - periodNs / 2)) {
      return null;
    }
    List<Step<T>> picked = new ArrayList<>(frames);
    Iterator<Step<T>> it = buffer.iterator();
    Step<T> previous = it.next();
    Step<T> current = it.hasNext() ? it.next() : null;
    for (int k = 0; k < frames; k++) {
      double target = start + k * periodNs;
      while (current != null && current.tsNs() <= target) {
        previous = current;
        current = it.hasNext() ? it.next() : null;
      }
      // previous <= target < current: the nearer one (ties to the earlier).
      boolean later = current != null && current.tsNs() - target < target - previous.tsNs();
      picked.add(later ? current : previous);
    }
    return picked;
  }

  private Window<T> emit(List<Step<T>> picked) {
    double start = picked.get(0).tsNs();
    clips++;
    Window<T> window = new Window<>(List.copyOf(picked));
    long lastIndex = window.last().index();
    // The buffer holds every valid step from the clip's start on: those after its end are not covered yet.
    uncoveredInRun = buffer.stream().filter(s -> s.index() > lastIndex).count();
    // The next clip starts at the step nearest to start + stride frames.
    nextStart = start + (double) stride * periodNs;
    dropBefore(nextStart);
    if (!buffer.isEmpty() && buffer.peekFirst().index() <= window.first().index()) {
      // The next start is nearest to this clip's own start (a stride shorter than the steps' spacing): it must
      // still move on, or the same clip would come out again.
      buffer.pollFirst();
    }
    return window;
  }

  /**
   * Drops buffered steps before the one nearest to {@code target} so far (keeps at least the last step; steps still
   * to come may be nearer, and {@link #offer} applies this again as they arrive).
   */
  private void dropBefore(double target) {
    while (buffer.size() > 1) {
      Iterator<Step<T>> it = buffer.iterator();
      Step<T> first = it.next();
      Step<T> second = it.next();
      if (second.tsNs() <= target || second.tsNs() - target < target - first.tsNs()) {
        buffer.pollFirst();
      } else {
        break;
      }
    }
  }

  /**
   * The earliest buffered step: every clip still to come starts at it or later (null when nothing is buffered; the
   * next clip then starts at a step not offered yet).
   */
  public Step<T> firstBuffered() {
    return buffer.peekFirst();
  }

  /** The buffered steps in order: every clip still to come starts at one of them or at a later step. */
  public Iterable<Step<T>> buffered() {
    return buffer;
  }

  public long clips() {
    return clips;
  }

  /** Runs of valid steps whose last steps no clip covers (the tail too short for one more clip). */
  public long droppedTails() {
    return droppedTails;
  }

  /** Valid steps in the dropped tails. */
  public long droppedSteps() {
    return droppedSteps;
  }
}
