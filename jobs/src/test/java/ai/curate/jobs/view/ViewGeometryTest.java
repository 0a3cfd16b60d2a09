package ai.curate.jobs.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.curate.quality.checks.StepFraction;
import ai.curate.quality.rules.Threshold;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The page's pure parts: the pixel axis, span layout, min/max paths and the replay that finds spans. No Spark. */
class ViewGeometryTest {

  @Test
  void everyStepFallsInOneColumnAndColumnsStayWithinTheWidth() {
    PixelGrid grid = new PixelGrid(1000, 216_000);
    assertThat(grid.column(0)).isZero();
    assertThat(grid.column(215_999)).isEqualTo(999);
    assertThat(grid.column(216)).isEqualTo(1);
    assertThat(grid.column(215)).isZero();
    assertThat(grid.left(108_000)).isEqualTo(500.0);
    PixelGrid shortEpisode = new PixelGrid(1000, 4);
    assertThat(shortEpisode.column(3)).isEqualTo(750);
    assertThat(shortEpisode.centre(0)).isEqualTo(125.0);
  }

  @Test
  void flaggedStepsMergeIntoRunsOfConsecutiveSteps() {
    assertThat(StepSpan.merge(new long[] {3, 4, 5, 9, 11, 12}, 6))
        .containsExactly(new StepSpan(3, 5), new StepSpan(9, 9), new StepSpan(11, 12));
    assertThat(StepSpan.merge(new long[0], 0)).isEmpty();
  }

  @Test
  void spansCoverTheirStepsSlotsAndMergeWhenTheyTouchOnScreen() {
    PixelGrid grid = new PixelGrid(1000, 100);
    List<SpanLayout.Rect> rects = SpanLayout.layout(List.of(new StepSpan(10, 19), new StepSpan(50, 50)), grid);
    assertThat(rects).hasSize(2);
    assertThat(rects.get(0).x()).isEqualTo(100.0);
    assertThat(rects.get(0).width()).isEqualTo(100.0);
    assertThat(rects.get(1).x()).isEqualTo(500.0);
    assertThat(rects.get(1).width()).isEqualTo(10.0);
    // 100,000 steps on 1,000 pixels: steps 10 and 60 are in the same pixel, a single step still gets a pixel.
    PixelGrid dense = new PixelGrid(1000, 100_000);
    List<SpanLayout.Rect> merged = SpanLayout.layout(List.of(new StepSpan(10, 10), new StepSpan(60, 60),
        new StepSpan(5000, 5000)), dense);
    assertThat(merged).hasSize(2);
    assertThat(merged.get(0).first()).isEqualTo(10);
    assertThat(merged.get(0).last()).isEqualTo(60);
    assertThat(merged.get(0).x()).isCloseTo(0.1, within(1e-9));
    assertThat(merged.get(0).width()).as("to a pixel past step 60").isCloseTo(1.5, within(1e-9));
    assertThat(merged.get(1).x()).isEqualTo(50.0);
  }

  @Test
  void theEnvelopeDrawsMinAndMaxPerColumnAndBreaksWhereNoValue() {
    Series s = new Series("q", "#000", false, new double[] {0.5, 1.5, 2.5, 3.5},
        new double[] {0, 1, Double.NaN, 2}, new double[] {0, 3, Double.NaN, 2});
    SvgPaths.YScale y = new SvgPaths.YScale(0, 4, 0, 40);
    assertThat(SvgPaths.envelope(s, y)).isEqualTo("M0.5,40L1.5,10L1.5,30M3.5,20");
    assertThat(SvgPaths.num(12.34)).isEqualTo("12.3");
    assertThat(SvgPaths.num(-3.0)).isEqualTo("-3");
  }

  @Test
  void theReplayMarksEveryStepThatLowersACoverageFraction() {
    // An expr-style rule: the fraction of steps where the flag is not true, at most 0.1.
    RunningViolation r = new RunningViolation(StepFraction.ofNotTrue(1), Threshold.atMost(0.1));
    boolean[] valid = {true, true, false, false, true, false, true};
    for (int i = 0; i < valid.length; i++) {
      r.accept(i, RowFactory.create(i, valid[i]));
    }
    assertThat(r.spans()).containsExactly(new StepSpan(2, 3), new StepSpan(5, 5));
  }

  @Test
  void theReplayOfAnAtLeastRuleMarksStepsThatLowerTheValue() {
    // hand_visibility style: fraction of steps where the flag is true, at least 0.8.
    RunningViolation r = new RunningViolation(StepFraction.ofTrue(1, ""), Threshold.atLeast(0.8));
    boolean[] seen = {false, true, true, false, false, true};
    for (int i = 0; i < seen.length; i++) {
      r.accept(i, RowFactory.create(i, seen[i]));
    }
    assertThat(r.spans()).containsExactly(new StepSpan(0, 0), new StepSpan(3, 4));
  }

  @Test
  void thumbnailsAreRegularPlusTheStartOfViolationsAndBounded() {
    RuleSpans frozen = new RuleSpans("frozen", "quarantine", "#f00", List.of(new StepSpan(45, 90)), 0);
    Map<Long, String> chosen = ThumbnailSteps.choose(134, List.of(frozen));
    assertThat(chosen).containsEntry(0L, "").containsEntry(133L, "").containsEntry(45L, "frozen");
    assertThat(chosen).hasSize(ThumbnailSteps.REGULAR + 1);
    List<StepSpan> many = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add(new StepSpan(i * 10L + 1, i * 10L + 2));
    }
    List<RuleSpans> rules = new java.util.ArrayList<>();
    for (int k = 0; k < 12; k++) {
      rules.add(new RuleSpans("r" + k, "warn", "#000", many, 0));
    }
    assertThat(ThumbnailSteps.choose(1_000_000, rules).size())
        .isLessThanOrEqualTo(ThumbnailSteps.REGULAR + ThumbnailSteps.AT_VIOLATIONS);
  }
}
