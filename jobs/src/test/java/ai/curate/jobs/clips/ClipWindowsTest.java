package ai.curate.jobs.clips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.jobs.clips.ClipWindows.Step;
import ai.curate.jobs.clips.ClipWindows.Window;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Clips cut from steps by hand-derived expectations: frame k is the step nearest to start + k / fps (ties to the
 * earlier), the next clip starts at the step nearest to start + stride / fps, invalid steps end a run.
 */
class ClipWindowsTest {
  /** 30 Hz: 1e9 / 30 ns rounded, so every third step is exactly a multiple of 100 ms. */
  private static final LongUnaryOperator HZ30 = i -> Math.round(i * 1e9 / 30);
  /** 10 Hz, exact. */
  private static final LongUnaryOperator HZ10 = i -> i * 100_000_000L;
  /**
   * 15 Hz, each step a third of a nanosecond later than the ideal 1e9 / 15: so a 30 fps frame time halfway between
   * two steps is always (slightly) nearer the earlier one, not a float-noise tie.
   */
  private static final LongUnaryOperator HZ15 = i -> i * 66_666_667L;

  private static Step<String> step(long index, long tsNs, boolean valid) {
    return new Step<>(index, tsNs, valid, "s" + index);
  }

  /** Steps {@code 0..count-1} at {@code ts}, valid except {@code invalid}. */
  private static List<Step<String>> steps(int count, LongUnaryOperator ts, long... invalid) {
    Set<Long> bad = new HashSet<>();
    for (long i : invalid) {
      bad.add(i);
    }
    List<Step<String>> out = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      out.add(step(i, ts.applyAsLong(i), !bad.contains(i)));
    }
    return out;
  }

  /** Offers every step, then finishes: all clips in order. */
  private static List<Window<String>> cut(ClipWindows<String> cw, List<Step<String>> steps) {
    List<Window<String>> out = new ArrayList<>();
    for (Step<String> s : steps) {
      out.addAll(cw.offer(s));
    }
    out.addAll(cw.finish());
    return out;
  }

  private static List<Long> indexes(Window<String> w) {
    return w.frames().stream().map(Step::index).toList();
  }

  private static List<List<Long>> indexes(List<Window<String>> ws) {
    return ws.stream().map(ClipWindowsTest::indexes).toList();
  }

  @Test
  void thirtyHzStepsGiveATenFpsClipEveryThirdStepBackToBack() {
    ClipWindows<String> cw = new ClipWindows<>(4, 10, 4);
    List<Window<String>> clips = cut(cw, steps(40, HZ30));

    // Clip k starts at 400 ms * k = step 12k; frames every 100 ms = every third step. A fourth clip (36..45)
    // needs steps past the episode's 40; the last clip ends at step 33, so steps 34..39 are the dropped tail.
    assertThat(indexes(clips)).containsExactly(
        List.of(0L, 3L, 6L, 9L),
        List.of(12L, 15L, 18L, 21L),
        List.of(24L, 27L, 30L, 33L));
    assertThat(clips.get(1).first().payload()).isEqualTo("s12");
    assertThat(clips.get(1).last().payload()).isEqualTo("s21");
    assertThat(cw.clips()).isEqualTo(3);
    assertThat(cw.droppedTails()).isEqualTo(1);
    assertThat(cw.droppedSteps()).isEqualTo(6);
  }

  @Test
  void everyValidStepAfterTheLastClipIsInTheDroppedTail() {
    // One clip 0, 3, 6, 9; steps 10 and 11 come after its last step and before the next start (step 12).
    ClipWindows<String> cw = new ClipWindows<>(4, 10, 4);
    List<Window<String>> clips = cut(cw, steps(12, HZ30));

    assertThat(indexes(clips)).containsExactly(List.of(0L, 3L, 6L, 9L));
    assertThat(cw.droppedTails()).isEqualTo(1);
    assertThat(cw.droppedSteps()).isEqualTo(2);
  }

  @Test
  void aClipRateAboveTheStepRateRepeatsSteps() {
    ClipWindows<String> cw = new ClipWindows<>(4, 30, 4);
    List<Window<String>> clips = cut(cw, steps(9, HZ15));

    // 30 fps over 15 Hz steps: each step twice; the next clip starts 4 / 30 s = 2 steps later. The clip from step 8
    // would need steps past the episode: step 8 (after the last clip's last step 7) is the dropped tail.
    assertThat(indexes(clips)).containsExactly(
        List.of(0L, 0L, 1L, 1L),
        List.of(2L, 2L, 3L, 3L),
        List.of(4L, 4L, 5L, 5L),
        List.of(6L, 6L, 7L, 7L));
    assertThat(cw.droppedTails()).isEqualTo(1);
    assertThat(cw.droppedSteps()).isEqualTo(1);
  }

  @Test
  void aFrameTimeExactlyBetweenTwoStepsTakesTheEarlierStep() {
    // 10 Hz steps, 20 fps: every odd frame time (50 ms, 150 ms, ...) is exactly halfway between two steps.
    ClipWindows<String> cw = new ClipWindows<>(4, 20, 4);
    List<Window<String>> clips = cut(cw, steps(5, HZ10));

    assertThat(indexes(clips)).containsExactly(List.of(0L, 0L, 1L, 1L), List.of(2L, 2L, 3L, 3L));
  }

  @Test
  void aStrideBelowTheFramesOverlapsClips() {
    ClipWindows<String> cw = new ClipWindows<>(4, 10, 2);
    List<Window<String>> clips = cut(cw, steps(30, HZ30));

    // Each clip starts 2 frames (200 ms = 6 steps) after the previous one and shares its last two frames.
    assertThat(indexes(clips)).containsExactly(
        List.of(0L, 3L, 6L, 9L),
        List.of(6L, 9L, 12L, 15L),
        List.of(12L, 15L, 18L, 21L),
        List.of(18L, 21L, 24L, 27L));
    for (int i = 1; i < clips.size(); i++) {
      assertThat(clips.get(i).first().index() - clips.get(i - 1).first().index()).isEqualTo(6);
      assertThat(indexes(clips.get(i)).subList(0, 2)).isEqualTo(indexes(clips.get(i - 1)).subList(2, 4));
    }
    // The clip from step 24 needs step 33; steps 28 and 29 are after the last clip's end.
    assertThat(cw.droppedTails()).isEqualTo(1);
    assertThat(cw.droppedSteps()).isEqualTo(2);
  }

  @Test
  void anInvalidStepEndsTheRunAndNoClipSpansIt() {
    // 10 Hz steps at 10 fps: frame k is step start + k. Step 6 invalid: the run 0..5 holds clip 0..3, and its
    // tail 4, 5 is too short for a clip (4..7 would span step 6).
    ClipWindows<String> cw = new ClipWindows<>(4, 10, 4);
    List<Step<String>> steps = steps(20, HZ10, 6);
    List<Window<String>> clips = new ArrayList<>();
    for (Step<String> s : steps) {
      clips.addAll(cw.offer(s));
      if (s.index() == 6) {
        assertThat(cw.droppedTails()).as("after the invalid step").isEqualTo(1);
        assertThat(cw.droppedSteps()).as("after the invalid step").isEqualTo(2);
      }
    }
    clips.addAll(cw.finish());

    // The next run starts at step 7, the first valid step after 6; its tail is step 19.
    assertThat(indexes(clips)).containsExactly(
        List.of(0L, 1L, 2L, 3L),
        List.of(7L, 8L, 9L, 10L),
        List.of(11L, 12L, 13L, 14L),
        List.of(15L, 16L, 17L, 18L));
    for (Window<String> w : clips) {
      assertThat(LongStream.rangeClosed(w.first().index(), w.last().index())).as("clip %s", indexes(w))
          .doesNotContain(6L);
      assertThat(w.frames()).allMatch(Step::valid);
    }
    assertThat(cw.clips()).isEqualTo(4);
    assertThat(cw.droppedTails()).isEqualTo(2);
    assertThat(cw.droppedSteps()).isEqualTo(3);
  }

  @Test
  void aRunTooShortForAnyClipIsADroppedTail() {
    // 30 Hz at 10 fps: a clip spans 10 steps. Step 5 invalid: the run 0..4 is all tail; the next run's first clip
    // starts at step 6.
    ClipWindows<String> cw = new ClipWindows<>(4, 10, 4);
    List<Window<String>> clips = new ArrayList<>();
    for (Step<String> s : steps(16, HZ30, 5)) {
      clips.addAll(cw.offer(s));
    }
    assertThat(indexes(clips)).containsExactly(List.of(6L, 9L, 12L, 15L));
    assertThat(cw.droppedTails()).isEqualTo(1);
    assertThat(cw.droppedSteps()).isEqualTo(5);
  }

  @Test
  void aClipComesOutWithTheFirstStepAtOrAfterItsLastFrameTime() {
    ClipWindows<String> cw = new ClipWindows<>(4, 10, 4);
    // Exact 30 Hz: step 9 is at 300 ms, the clip's last frame time.
    List<Step<String>> exact = steps(12, HZ30);
    for (int i = 0; i < 9; i++) {
      assertThat(cw.offer(exact.get(i))).as("step %d", i).isEmpty();
    }
    List<Window<String>> out = cw.offer(exact.get(9));
    assertThat(out).hasSize(1);
    assertThat(indexes(out.get(0))).containsExactly(0L, 3L, 6L, 9L);

    // Truncated 30 Hz: step 9 is 3 ns before 300 ms, so only step 10 (past it) tells that step 9 is the nearest.
    ClipWindows<String> late = new ClipWindows<>(4, 10, 4);
    List<Step<String>> truncated = steps(12, i -> i * 33_333_333L);
    for (int i = 0; i < 10; i++) {
      assertThat(late.offer(truncated.get(i))).as("step %d", i).isEmpty();
    }
    out = late.offer(truncated.get(10));
    assertThat(out).hasSize(1);
    assertThat(indexes(out.get(0))).containsExactly(0L, 3L, 6L, 9L);
  }

  @Test
  void finishClosesAClipWhoseLastFrameTimeIsWithinHalfAFrameOfTheLastStep() {
    // 10 fps (half a frame = 50 ms); the last frame time is 300 ms.
    ClipWindows<String> near = new ClipWindows<>(4, 10, 4);
    for (Step<String> s : List.of(step(0, 0, true), step(1, 100_000_000, true), step(2, 200_000_000, true),
        step(3, 260_000_000, true))) {
      assertThat(near.offer(s)).isEmpty();
    }
    List<Window<String>> out = near.finish();
    assertThat(out).hasSize(1);
    assertThat(indexes(out.get(0))).containsExactly(0L, 1L, 2L, 3L);
    assertThat(near.droppedTails()).isZero();
    assertThat(near.droppedSteps()).isZero();

    // 60 ms short of it: no clip, the four steps are a dropped tail.
    ClipWindows<String> far = new ClipWindows<>(4, 10, 4);
    for (Step<String> s : List.of(step(0, 0, true), step(1, 100_000_000, true), step(2, 200_000_000, true),
        step(3, 240_000_000, true))) {
      assertThat(far.offer(s)).isEmpty();
    }
    assertThat(far.finish()).isEmpty();
    assertThat(far.clips()).isZero();
    assertThat(far.droppedTails()).isEqualTo(1);
    assertThat(far.droppedSteps()).isEqualTo(4);
  }

  @Test
  void anInvalidStepClosesAClipLikeTheEndOfTheEpisode() {
    ClipWindows<String> cw = new ClipWindows<>(4, 10, 4);
    for (Step<String> s : List.of(step(0, 0, true), step(1, 100_000_000, true), step(2, 200_000_000, true),
        step(3, 260_000_000, true))) {
      assertThat(cw.offer(s)).isEmpty();
    }
    List<Window<String>> out = cw.offer(step(4, 300_000_000, false));
    assertThat(out).hasSize(1);
    assertThat(indexes(out.get(0))).containsExactly(0L, 1L, 2L, 3L);
    assertThat(cw.finish()).isEmpty();
    assertThat(cw.droppedTails()).isZero();
  }

  @Test
  void rejectsNonPositiveFramesFpsAndStride() {
    assertThatThrownBy(() -> new ClipWindows<String>(0, 10, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ClipWindows<String>(4, 0, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ClipWindows<String>(4, -10, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ClipWindows<String>(4, Double.NaN, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ClipWindows<String>(4, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new ClipWindows<String>(1, 0.5, 1).clips()).isZero();
  }
}
