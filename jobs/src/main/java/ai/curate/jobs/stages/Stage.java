package ai.curate.jobs.stages;

/**
 * One step of the pipeline for one logical date. Implementations are small classes that read tables or raw files,
 * apply pure transforms from the library modules, and write through {@link ai.curate.jobs.tables.DeltaTableWriter}.
 * A stage must be idempotent per date: running it twice leaves the same tables.
 */
public interface Stage {
  /** The CLI name, e.g. {@code ingest-fleet}. */
  String name();

  StageResult run(StageContext context);
}
