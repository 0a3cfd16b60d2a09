package ai.curate.jobs.stages;

/**
 * One step of the pipeline for one logical date. Implementations are small classes that read tables
 * ({@link StageContext#readSlice}) or raw files, apply pure transforms from the library modules, and replace their
 * tables' date slices ({@link StageContext#replaceSlice}). A stage must be idempotent per date: running it twice
 * leaves the same tables. To add one: the class, its line in {@link StageRegistry} (the CLI and, through
 * {@code curate stages --json}, the Airflow DAG follow it), and its docs (docs/architecture.md).
 */
public interface Stage {
  /** The CLI name, e.g. {@code ingest-fleet}: the registry, {@code curate stages} and the DAG tasks use it. */
  String name();

  StageResult run(StageContext context);
}
