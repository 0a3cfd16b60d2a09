package ai.curate.jobs.sample;

import ai.curate.jobs.align.AlignStage;
import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.fleet.FleetIngestStage;
import ai.curate.jobs.human.HumanIngestStage;
import ai.curate.jobs.publish.PublishStage;
import ai.curate.jobs.quality.QualityStage;
import ai.curate.jobs.retarget.RetargetStage;
import ai.curate.jobs.stages.StageContext;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The faulty sample (one clean session and clip plus every planted fault) through the real stages ingest-fleet,
 * ingest-human, align, retarget and quality into one warehouse, once per JVM: what {@code curate view} reads.
 * {@link #published} adds publish on top (the view reads no gold, so its tests see the same tables either way).
 */
public final class FaultyPipeline {
  private static FaultyPipeline shared;

  public final SampleReport sample;
  public final Path warehouse;
  public final Path root;
  public final CurateConfig config;
  private final SparkSession spark;
  private boolean published;

  private FaultyPipeline(SparkSession spark) {
    this.spark = spark;
    sample = SampleFixture.faulty();
    root = SampleFixture.tempDir("curate-view");
    warehouse = root.resolve("wh");
    Path project = SampleFixture.projectDir();
    config = ConfigFixtures.session(sample.out(), warehouse, root.resolve("scratch")).load(root,
        "quality.robot_rules=" + project.resolve("configs/quality/robot.yaml"),
        "quality.human_rules=" + project.resolve("configs/quality/human.yaml"),
        "quality.robot_urdf=" + project.resolve("configs/robots/neo/neo.urdf"),
        "publish.robot_urdf=" + project.resolve("configs/robots/neo/neo.urdf"),
        "retarget.robot_config=" + project.resolve("configs/robots/neo/retarget-hands.yaml"));
    StageContext ctx = new StageContext(spark, config, SampleFixture.DATE, "run-view");
    new FleetIngestStage().run(ctx);
    new HumanIngestStage().run(ctx);
    new AlignStage().run(ctx);
    new RetargetStage().run(ctx);
    new QualityStage().run(ctx);
  }

  public static synchronized FaultyPipeline get(SparkSession spark) {
    if (shared == null) {
      shared = new FaultyPipeline(spark);
    }
    return shared;
  }

  /** The same warehouse after publish (run once per JVM). */
  public static synchronized FaultyPipeline published(SparkSession spark) {
    FaultyPipeline p = get(spark);
    if (!p.published) {
      new PublishStage().run(new StageContext(p.spark, p.config, SampleFixture.DATE, "run-publish"));
      p.published = true;
    }
    return p;
  }
}
