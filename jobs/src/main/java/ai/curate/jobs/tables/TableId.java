package ai.curate.jobs.tables;

import java.time.LocalDate;
import java.util.List;

/**
 * A table of the curated lake: its layer (bronze, silver, gold), name, the columns its Delta files are partitioned
 * by (declared once here, so writers never repeat them), and where its files live. Every table is partitioned by
 * {@link #DATE_COLUMN}, the run's logical date, and a stage reads and replaces one date's slice of it.
 */
public record TableId(String layer, String name, List<String> partitionColumns) {
  /** The logical-date partition column every table has. */
  public static final String DATE_COLUMN = "capture_date";

  public TableId {
    partitionColumns = List.copyOf(partitionColumns);
    if (!partitionColumns.contains(DATE_COLUMN)) {
      throw new IllegalArgumentException(layer + "." + name + " must be partitioned by " + DATE_COLUMN);
    }
  }

  /** A table partitioned by the date alone. */
  public TableId(String layer, String name) {
    this(layer, name, List.of(DATE_COLUMN));
  }

  public String qualified() {
    return layer + "." + name;
  }

  public String location(String warehouse) {
    return stripSlash(warehouse) + "/" + layer + "/" + name;
  }

  /** The SQL predicate selecting this table's slice for {@code date}. */
  public String dateSlice(LocalDate date) {
    return datePredicate(date);
  }

  /**
   * The SQL predicate selecting one date's slice of any lake table (a partition filter, so Delta prunes to that
   * date's files).
   */
  public static String datePredicate(LocalDate date) {
    return DATE_COLUMN + " = DATE'" + date + "'";
  }

  static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public String toString() {
    return qualified();
  }
}
