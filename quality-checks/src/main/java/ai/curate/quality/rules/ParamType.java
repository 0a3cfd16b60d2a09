package ai.curate.quality.rules;

/** The YAML type of a check parameter. */
public enum ParamType {
  NUMBER("a number"),
  INTEGER("an integer"),
  BOOLEAN("true or false"),
  STRING("a string"),
  STRING_LIST(
      "a list of strings");

  private final String description;

  ParamType(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
