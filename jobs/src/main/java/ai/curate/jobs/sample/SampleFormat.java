package ai.curate.jobs.sample;

import java.util.Locale;

/** The raw format of the generated fleet sessions (human clips have one format). */
public enum SampleFormat {
  /** Neo fleet session bundles under {@code fleet/date=D/} (docs/raw-formats.md). */
  BUNDLE,
  /** MCAP recordings with the Neo mapping v1 under {@code mcap/date=D/}, instead of bundles. */
  MCAP;

  /** The name on the command line: {@code bundle} or {@code mcap}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
