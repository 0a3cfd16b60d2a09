package ai.curate.jobs.quality;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.quality.JointLimits;
import ai.curate.quality.QualityRuleException;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.RuleLoader;
import ai.curate.quality.rules.RuleSet;
import ai.curate.retargeting.urdf.Joint;
import ai.curate.retargeting.urdf.RobotModel;
import ai.curate.retargeting.urdf.UrdfParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code quality} config section made concrete: rule files loaded (and their SQL parsed) before any job runs,
 * joint limits read from the robot model. Relative paths resolve against the installation ({@code -Dcurate.home},
 * else the working directory), like the other files the CLI ships.
 */
public record QualitySettings(Path robotRulesFile, Path humanRulesFile, Path urdfFile) {

  public static QualitySettings from(CurateConfig.QualityConfig q) {
    return new QualitySettings(resolve(q.robotRules()), resolve(q.humanRules()), resolve(q.robotUrdf()));
  }

  static Path resolve(String value) {
    return ai.curate.jobs.config.InstallPaths.resolve(value);
  }

  public RuleSet robotRules(SparkSession spark) {
    return load("quality.robot_rules", robotRulesFile, EntityType.EPISODE, spark);
  }

  public RuleSet humanRules(SparkSession spark) {
    return load("quality.human_rules", humanRulesFile, EntityType.CLIP, spark);
  }

  private static RuleSet load(String key, Path file, EntityType expected, SparkSession spark) {
    if (!Files.isRegularFile(file)) {
      throw CurateErrors.configuredFileMissing(key, "rule file", file,
          "set " + key + " in the config or with --set " + key + "=FILE");
    }
    RuleSet rules;
    try {
      rules = RuleLoader.load(file, spark);
    } catch (QualityRuleException e) {
      throw CurateErrors.configuredFileInvalid(key, e.getMessage(), e);
    }
    if (rules.entityType() != expected) {
      throw CurateErrors.ruleFileForWrongEntity(key, file, rules.entityType().yamlName(), expected.yamlName());
    }
    return rules;
  }

  /** Per actuated joint, in URDF order: position range (infinite for continuous joints) and velocity limit. */
  public JointLimits jointLimits() {
    if (!Files.isRegularFile(urdfFile)) {
      throw CurateErrors.configuredFileMissing("quality.robot_urdf", "robot model", urdfFile,
          "the joint limit checks read its limits; set quality.robot_urdf");
    }
    RobotModel model = UrdfParser.parse(urdfFile);
    List<String> names = model.actuatedJointNames();
    double[] lower = new double[names.size()];
    double[] upper = new double[names.size()];
    double[] velocity = new double[names.size()];
    for (int i = 0; i < names.size(); i++) {
      Joint j = model.joint(names.get(i));
      lower[i] = j.lower();
      upper[i] = j.upper();
      velocity[i] = j.velocityLimit();
    }
    return new JointLimits(names, lower, upper, velocity);
  }
}
