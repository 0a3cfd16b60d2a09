package ai.curate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** How the fixtures folder is chosen, and that a missing fixture skips (never fails) the test asking for it. */
class FixturesTest {
  private static final Path CHECKOUT = Path.of("/work/main");

  @TempDir
  Path temp;

  @Test
  void thePropertyWinsOverTheEnvironment() {
    assertThat(Fixtures.locate("/from/property", "/from/env", () -> CHECKOUT)).isEqualTo(Path.of("/from/property"));
    assertThat(Fixtures.locate(null, "/from/env", () -> CHECKOUT)).isEqualTo(Path.of("/from/env"));
    assertThat(Fixtures.locate(" ", "/from/env", () -> CHECKOUT)).isEqualTo(Path.of("/from/env"));
  }

  @Test
  void theDefaultIsTheSharedFolderBesideTheCheckout() {
    assertThat(Fixtures.locate(null, null, () -> CHECKOUT)).isEqualTo(Path.of("/work/shared/fixtures"));
    assertThat(Fixtures.locate("", "", () -> CHECKOUT)).isEqualTo(Path.of("/work/shared/fixtures"));
  }

  @Test
  void aRelativeSettingIsTakenFromTheCheckout() {
    assertThat(Fixtures.locate("../elsewhere", null, () -> CHECKOUT)).isEqualTo(Path.of("/work/elsewhere"));
  }

  @Test
  void anAbsoluteSettingDoesNotNeedTheCheckout() {
    assertThat(Fixtures.locate("/from/property", null, () -> {
      throw new AssertionError("checkout looked up");
    })).isEqualTo(Path.of("/from/property"));
  }

  @Test
  void aMissingFixtureSkipsWithWhatIsMissingAndHowToProvideIt() {
    withSetting(temp, () -> assertThatThrownBy(Fixtures::handVideo).isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("fixture human_hand/human_hand_video.mp4 not found: set CURATE_FIXTURES")
        .hasMessageContaining("(looked in " + temp + ")"));
  }

  @Test
  void aPresentFixtureIsReturned() throws Exception {
    Files.createDirectories(temp.resolve("urdf"));
    Files.writeString(temp.resolve("urdf/hand.urdf"), "<robot name='hand'/>");
    withSetting(temp, () -> assertThat(Fixtures.urdf("hand.urdf")).isEqualTo(temp.resolve("urdf/hand.urdf")));
  }

  @Test
  void theCheckoutHoldsTheProjectsOwnFiles() {
    assertThat(Fixtures.neoUrdf()).isRegularFile();
  }

  /** Runs {@code check} with the system property set to {@code dir}, then puts the previous value back. */
  private static void withSetting(Path dir, Runnable check) {
    String previous = System.getProperty(Fixtures.SETTING);
    System.setProperty(Fixtures.SETTING, dir.toString());
    try {
      check.run();
    } finally {
      if (previous == null) {
        System.clearProperty(Fixtures.SETTING);
      } else {
        System.setProperty(Fixtures.SETTING, previous);
      }
    }
  }
}
