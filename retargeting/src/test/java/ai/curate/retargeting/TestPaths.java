package ai.curate.retargeting;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locations of the repository and the shared fixtures, as surefire passes them. */
public final class TestPaths {
  private TestPaths() {}

  public static Path projectDir() {
    return existing("curate.project.dir", Path.of("..").toAbsolutePath().normalize());
  }

  public static Path sharedDir() {
    return existing("curate.shared.dir", projectDir().resolve("../shared").normalize());
  }

  public static Path neoUrdf() {
    return projectDir().resolve("configs/robots/neo/neo.urdf");
  }

  public static Path allegroUrdf() {
    return sharedDir().resolve("fixtures/urdf/allegro_hand_right.urdf");
  }

  public static Path leapUrdf() {
    return sharedDir().resolve("fixtures/urdf/leap_hand_right.urdf");
  }

  public static Path humanHandKeypoints() {
    return sharedDir().resolve("fixtures/human_hand/human_hand_keypoints.json");
  }

  private static Path existing(String property, Path fallback) {
    String p = System.getProperty(property);
    Path path = p != null ? Path.of(p).toAbsolutePath().normalize() : fallback;
    if (!Files.isDirectory(path)) {
      throw new IllegalStateException("test directory " + path + " (system property " + property
          + ") does not exist; run the tests through Maven from the repository");
    }
    return path;
  }
}
