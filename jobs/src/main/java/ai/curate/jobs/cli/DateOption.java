package ai.curate.jobs.cli;

import ai.curate.jobs.errors.CurateErrors;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The {@code --date YYYY-MM-DD} option every command shares: each command keeps the raw text in its own
 * {@code @Option} (descriptions and defaults differ) and parses it here, inside {@code call()}, so a bad date is the
 * one-line {@link CurateErrors#badDate} user error rather than picocli's conversion message.
 */
final class DateOption {
  /** The placeholder shown in help. */
  static final String LABEL = "YYYY-MM-DD";

  private DateOption() {}

  static LocalDate parse(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw CurateErrors.badDate(value);
    }
  }
}
