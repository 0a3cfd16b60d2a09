package ai.curate.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Where the tests find the checkout and the real-data fixtures: the one place every module's tests ask (this class
 * ships in the transforms test-jar, which the other modules' tests depend on).
 *
 * <p>The fixtures are third-party files under their own licences (robot hand URDFs, a human hand video with keypoints,
 * ROS 2 MCAP bags), so they are kept outside the repository, in the folder named by the system property or
 * environment variable {@value #SETTING} (the property wins; a relative path is taken from the checkout), by default
 * {@code <checkout>/../shared/fixtures}. The parent pom passes the setting to surefire. Every fixture accessor makes
 * the calling test (or, from {@code @BeforeAll}, its class) skip, with one line saying what is missing and how to
 * provide it, when the file is absent: a checkout without the fixtures still runs every other test.
 */
public final class Fixtures {
  /** Name of both the system property and the environment variable. */
  public static final String SETTING = "CURATE_FIXTURES";
  /** Set by surefire (parent pom) to the checkout; when unset, the checkout is found from the working directory. */
  static final String PROJECT_PROPERTY = "curate.project.dir";

  private Fixtures() {}

  /** The checkout (repository root): files inside it, such as configs/robots/neo/neo.urdf, are always present. */
  public static Path projectDir() {
    String set = System.getProperty(PROJECT_PROPERTY);
    Path start = (set == null || set.isBlank() ? Path.of("") : Path.of(set)).toAbsolutePath().normalize();
    // Upwards, so that a run from a module folder (IDE, or mvn inside a module) still finds the root.
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("configs"))) {
        return dir;
      }
    }
    throw new IllegalStateException("checkout not found at or above " + start
        + ": run the tests through Maven from the checkout (surefire sets -D" + PROJECT_PROPERTY + ")");
  }

  /** A file of the checkout, e.g. {@code project("configs/robots/neo/retarget-hands.yaml")}. */
  public static Path project(String relative) {
    return projectDir().resolve(relative);
  }

  /** The project's own Neo URDF (in the repository, always present). */
  public static Path neoUrdf() {
    return project("configs/robots/neo/neo.urdf");
  }

  /** The fixtures folder the setting names (it may not exist; {@link #file} checks). */
  public static Path dir() {
    return locate(System.getProperty(SETTING), System.getenv(SETTING), Fixtures::projectDir);
  }

  /** A fixture by its path inside the fixtures folder; skips the calling test when it is not there. */
  public static Path file(String relative) {
    Path dir = dir();
    Path file = dir.resolve(relative);
    assumeTrue(Files.isRegularFile(file), () -> "fixture " + relative + " not found: set " + SETTING
        + " to the folder holding the shared fixtures (looked in " + dir + ")");
    return file;
  }

  /** The real human hand video (720p, 621 frames at 30 fps). */
  public static Path handVideo() {
    return file("human_hand/human_hand_video.mp4");
  }

  /** The video's 621 frames of right-hand keypoints (21 x 3, wrist frame), as JSON. */
  public static Path handKeypoints() {
    return file("human_hand/human_hand_keypoints.json");
  }

  /** A third-party robot hand description, e.g. {@code urdf("allegro_hand_right.urdf")}. */
  public static Path urdf(String name) {
    return file("urdf/" + name);
  }

  /** A ROS 2 bag in MCAP, e.g. {@code mcap("talker.mcap")}. */
  public static Path mcap(String name) {
    return file("mcap/" + name);
  }

  /** The fixtures folder from the property, else the environment, else {@code project/../shared/fixtures}. */
  static Path locate(String property, String environment, Supplier<Path> project) {
    String set = property != null && !property.isBlank()
        ? property
        : environment != null && !environment.isBlank() ? environment : null;
    Path dir = set != null && Path.of(set.strip()).isAbsolute()
        ? Path.of(set.strip())
        : project.get().resolve(set != null ? set.strip() : "../shared/fixtures");
    // normalize() resolves ".." by name, as a shell's cd does, not through a symlinked checkout's real parent.
    return dir.toAbsolutePath().normalize();
  }
}
