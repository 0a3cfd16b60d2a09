package ai.curate.jobs.config;

import java.nio.file.Path;

/**
 * Where this installation lives: {@code -Dcurate.home} (bin/curate sets it), else the working directory. The shipped
 * defaults that name project files (robot model, retargeting map, rule files) resolve against it, so a stage finds
 * them from any working directory.
 */
public final class InstallPaths {
  private InstallPaths() {}

  public static Path home() {
    String home = System.getProperty("curate.home");
    return (home == null ? Path.of("") : Path.of(home)).toAbsolutePath().normalize();
  }

  /** An absolute path as given; a relative one against {@link #home()}. */
  public static Path resolve(String path) {
    Path p = Path.of(path);
    return (p.isAbsolute() ? p : home().resolve(p)).normalize();
  }
}
