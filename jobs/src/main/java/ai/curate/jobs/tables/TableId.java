package ai.curate.jobs.tables;

/** A table of the curated lake: its layer (bronze, silver, gold), name, and where its Delta files live. */
public record TableId(String layer, String name) {
  public String qualified() {
    return layer + "." + name;
  }

  public String location(String warehouse) {
    return stripSlash(warehouse) + "/" + layer + "/" + name;
  }

  static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public String toString() {
    return qualified();
  }
}
