package ai.curate.jobs.cli;

import java.nio.file.Path;

/** Where this installation lives: set by bin/curate as -Dcurate.home, else the working directory. */
final class Installation {
  private Installation() {}

  static Path home() {
    return ai.curate.jobs.config.InstallPaths.home();
  }
}
