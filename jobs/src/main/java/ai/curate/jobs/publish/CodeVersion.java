package ai.curate.jobs.publish;

/** The version of curate that wrote a row: the jar's Implementation-Version, or "dev" when run from classes. */
public final class CodeVersion {
  private CodeVersion() {}

  public static String current() {
    String v = CodeVersion.class.getPackage().getImplementationVersion();
    return "curate " + (v == null || v.isBlank() ? "dev" : v);
  }
}
