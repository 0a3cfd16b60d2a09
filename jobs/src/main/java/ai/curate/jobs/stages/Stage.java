package ai.curate.jobs.stages;

/**
 * One step of the pipeline for one logical date. Implementations are small classes that read tables
 * ({@link StageContext#readSlice}) or raw files, apply pure transforms from the library modules, and replace their
 * tables' date slices ({@link StageContext#replaceSlice}). A stage must be idempotent per date: running it twice
 * leaves the same tables. To add one: the class, and a line in {@link StageRegistry} naming the stages it runs after
 * (the Airflow DAG takes its tasks and their dependencies from the registry).
 */
public interface Stage {
  /** The CLI name, e.g. {@code ingest-fleet}: the registry, {@code curate stages} and the DAG tasks use it. */
  String name();

  StageResult run(StageContext context);
}
