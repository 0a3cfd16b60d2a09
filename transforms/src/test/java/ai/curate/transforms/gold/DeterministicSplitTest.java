package ai.curate.transforms.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeterministicSplitTest {

  @Test
  void unitIsTheFirst52BitsOfTheSha256OfTheId() {
    // Independent reference: python3 -c "import hashlib; h = hashlib.sha256(b'ep-1').hexdigest(); print(h[:13])"
    assertThat(DeterministicSplit.standard().unit("ep-1")).isEqualTo(0x2542283432f8bL / 0x1p52)
        .isEqualTo(0.14554072641746774);
    assertThat(new DeterministicSplit(SplitFractions.DEFAULT, "v2").unit("ep-1")).isEqualTo(0x6c37fc2b903aeL / 0x1p52)
        .isEqualTo(0.422729263911815);
    assertThat(DeterministicSplit.standard().splitOf("ep-1")).isEqualTo("train");
  }

  @Test
  void fractionsAreHonouredOverManyIds() {
    DeterministicSplit split = new DeterministicSplit(new SplitFractions(0.7, 0.2, 0.1), "");
    Map<String, Integer> counts = new HashMap<>();
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      counts.merge(split.splitOf("episode-" + i), 1, Integer::sum);
    }
    // Binomial standard deviation at n = 1e5 is below 0.0015: five of them is a safe margin for a fixed hash.
    assertThat(counts.get("train") / (double) n).isCloseTo(0.7, within(0.0075));
    assertThat(counts.get("val") / (double) n).isCloseTo(0.2, within(0.0075));
    assertThat(counts.get("test") / (double) n).isCloseTo(0.1, within(0.0075));
  }

  @Test
  void anEpisodesSplitDependsOnItsIdAloneSoNewEpisodesMoveNothing() {
    DeterministicSplit split = DeterministicSplit.standard();
    Map<String, String> before = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      before.put("ep-" + i, split.splitOf("ep-" + i));
    }
    DeterministicSplit again = DeterministicSplit.standard();
    for (int i = 0; i < 5000; i++) {
      String s = again.splitOf("ep-" + i);
      if (i < 1000) {
        assertThat(s).as("ep-%d", i).isEqualTo(before.get("ep-" + i));
      }
    }
  }

  @Test
  void degenerateFractionsPutEverythingInOneSplit() {
    DeterministicSplit allTest = new DeterministicSplit(new SplitFractions(0, 0, 1), "");
    DeterministicSplit allTrain = new DeterministicSplit(new SplitFractions(1, 0, 0), "");
    for (int i = 0; i < 500; i++) {
      assertThat(allTest.splitOf("e" + i)).isEqualTo("test");
      assertThat(allTrain.splitOf("e" + i)).isEqualTo("train");
    }
  }

  @Test
  void badFractionsAreRejectedWithTheirValues() {
    assertThatThrownBy(() -> new SplitFractions(0.8, 0.1, 0.2))
        .hasMessageContaining("must sum to 1").hasMessageContaining("0.8");
    assertThatThrownBy(() -> new SplitFractions(1.1, -0.1, 0.0)).hasMessageContaining("train must be in [0, 1]");
  }
}
