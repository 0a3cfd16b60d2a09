package ai.curate.jobs;

import ai.curate.jobs.cli.CurateCli;

/** The single entry point: {@code bin/curate ...} locally, {@code spark-submit --class ai.curate.jobs.Main app.jar ...} on a cluster. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = CurateCli.execute(args);
    System.out.flush();
    System.err.flush();
    // Spark and Hive leave non-daemon threads behind; exit explicitly so the launcher returns.
    System.exit(code);
  }
}
