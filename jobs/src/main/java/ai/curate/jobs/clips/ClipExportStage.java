package ai.curate.jobs.clips;

import ai.curate.jobs.stages.CountingStage;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import java.util.List;

/**
 * {@code export-clips}: after {@code publish}, the date's gold as training clips with the profile
 * {@code clips.profile} into {@code clips.out} (every source and split; {@link ClipExport}). Without a profile
 * configured it does nothing, so the daily DAG runs it only where a team asked for clips.
 */
public final class ClipExportStage extends CountingStage {
  public static final String NAME = "export-clips";

  public ClipExportStage() {
    super(NAME);
  }

  @Override
  protected void run(StageContext ctx, StageResult.Builder result) {
    String profileFile = ctx.config().clips().profile();
    if (profileFile.isBlank()) {
      result.count("profiles", 0);
      return;
    }
    ClipSettings settings = ClipSettings.from(ctx.config());
    ClipProfile profile = ClipSettings.profile(profileFile);
    ClipExport.run(ctx, new ClipExport.Request(settings.defaultOut(), profile, List.of(), List.of()), settings,
        false, result);
  }
}
