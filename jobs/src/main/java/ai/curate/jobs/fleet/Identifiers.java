package ai.curate.jobs.fleet;

import java.util.regex.Pattern;

/**
 * The one place that says which names the fleet ingest accepts, checked when the manifest and events are parsed so
 * a bad name is a ledger row of its own session and never reaches a later stage.
 *
 * <ul>
 *   <li>{@link #COLUMN_NAME} {@code [a-z][a-z0-9_]{0,63}}: stream and camera names. Downstream stages turn them into
 *       column names (align's wide tables, gold columns such as {@code wrench_left}); a dot, a capital or a space
 *       there breaks or silently renames a column for the whole date. 64 characters keeps generated column names
 *       (name plus a suffix) short.</li>
 *   <li>{@link #ID} {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}: robot, session and episode ids. They are folder
 *       names, table keys and parts of file paths: no separators, no leading dot or dash, at most 128 characters.
 *       The sample generator's ids ({@code neo-0001}, UUIDs, {@code <uuid>-e001}) match.</li>
 * </ul>
 */
public final class Identifiers {
  public static final Pattern COLUMN_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private Identifiers() {}

  public static boolean isColumnName(String s) {
    return s != null && COLUMN_NAME.matcher(s).matches();
  }

  public static boolean isId(String s) {
    return s != null && ID.matcher(s).matches();
  }
}
