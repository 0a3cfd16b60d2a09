package ai.curate.jobs.quality;

import ai.curate.jobs.align.AlignStage;
import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.fleet.FleetIngestStage;
import ai.curate.jobs.human.HumanIngestStage;
import ai.curate.jobs.sample.SampleFixture;
import ai.curate.jobs.sample.SampleReport;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The faulty sample (SampleFixture.faulty(): one clean session and clip plus every planted fault) through the real
 * stages ingest-fleet, ingest-human and align into one warehouse, once per JVM; tests then run quality on it.
 * Retarget is deliberately not run, so quality is tested as it runs before retarget ever has: silver.human_timesteps
 * and silver.human_clip_metrics do not exist, the human timesteps come from bronze.human_poses and the retargeting
 * rules have no value.
 */
final class QualityPipeline {
  private static QualityPipeline shared;

  final SampleReport sample;
  final Path warehouse;
  final Path root;
  final List<StageResult> upstream = new ArrayList<>();

  private QualityPipeline(SparkSession spark) {
    sample = SampleFixture.faulty();
    root = SampleFixture.tempDir("curate-quality");
    warehouse = root.resolve("wh");
    StageContext ctx = context(spark, List.of(), "run-upstream");
    upstream.add(new FleetIngestStage().run(ctx));
    upstream.add(new HumanIngestStage().run(ctx));
    upstream.add(new AlignStage().run(ctx));
  }

  static synchronized QualityPipeline get(SparkSession spark) {
    if (shared == null) {
      shared = new QualityPipeline(spark);
    }
    return shared;
  }

  /** The project's rule files and robot model, plus any overrides. */
  StageContext context(SparkSession spark, List<String> overrides, String runId) {
    Path project = SampleFixture.projectDir();
    List<String> all = new ArrayList<>(List.of(
        "quality.robot_rules=" + project.resolve("configs/quality/robot.yaml"),
        "quality.human_rules=" + project.resolve("configs/quality/human.yaml"),
        "quality.robot_urdf=" + project.resolve("configs/robots/neo/neo.urdf")));
    all.addAll(overrides);
    CurateConfig config = ConfigFixtures.session(sample.out(), warehouse, root.resolve("scratch"))
        .load(root, all.toArray(String[]::new));
    return new StageContext(spark, config, SampleFixture.DATE, runId);
  }

  /**
   * The project's human.yaml without the rules that read retargeting output (tag {@code retargeting}): what the
   * human rules can judge before retarget exists. Written next to the warehouse; returns its path.
   */
  Path humanRulesWithoutRetargeting() {
    try {
      ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
      ObjectNode doc = (ObjectNode) yaml.readTree(SampleFixture.projectDir().resolve("configs/quality/human.yaml")
          .toFile());
      ArrayNode kept = yaml.createArrayNode();
      for (JsonNode rule : doc.get("rules")) {
        boolean retargeting = false;
        for (JsonNode tag : rule.path("tags")) {
          retargeting |= tag.asText().equals("retargeting");
        }
        if (!retargeting) {
          kept.add(rule);
        }
      }
      doc.set("rules", kept);
      Path out = root.resolve("human-before-retarget.yaml");
      yaml.writeValue(out.toFile(), doc);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
