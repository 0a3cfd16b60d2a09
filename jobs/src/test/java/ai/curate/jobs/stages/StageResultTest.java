package ai.curate.jobs.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageResultTest {
  @Test
  void summaryLineListsCountsInTheOrderTheStageAddedThem() {
    StageResult result = StageResult.builder("publish")
        .count("zeta", 1).count("alpha", 2).count("mid", 3).count("beta", 4).count("omega", 5).build();
    assertThat(result.summaryLine()).startsWith("publish       zeta=1 alpha=2 mid=3 beta=4 omega=5 (");
  }

  @Test
  void theCountsAreAnUnmodifiableCopy() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("b", 1L);
    counts.put("a", 2L);
    StageResult result = new StageResult("align", counts, 1500);
    counts.put("c", 3L);
    assertThat(result.counts().keySet()).containsExactly("b", "a");
    assertThat(result.summaryLine()).isEqualTo("align         b=1 a=2 (1.5 s)");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> result.counts().put("d", 4L))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
