package ai.curate.jobs.stages;

/**
 * Base of the pipeline's stages: holds the stage's name and builds its result, so a stage class is its name and the
 * body that reads, transforms, writes and counts. The body adds its counts to the builder it is given; the summary
 * line prints them in that order.
 */
public abstract class CountingStage implements Stage {
  private final String name;

  protected CountingStage(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final StageResult run(StageContext context) {
    StageResult.Builder result = StageResult.builder(name);
    run(context, result);
    return result.build();
  }

  /** Runs the stage for {@code context.date()}, adding what it counted to {@code result}. */
  protected abstract void run(StageContext context, StageResult.Builder result);
}
