package ai.curate.tests;

import java.nio.file.Path;

/** Where the checkout and the shared fixtures are (surefire sets both; see the parent pom). */
public final class ProjectPaths {
  private ProjectPaths() {}

  public static Path projectDir() {
    return Path.of(System.getProperty("curate.project.dir", "..")).toAbsolutePath().normalize();
  }

  public static Path sharedDir() {
    return Path.of(System.getProperty("curate.shared.dir", projectDir().resolve("../shared").toString()))
        .toAbsolutePath().normalize();
  }
}
