package ai.curate.jobs.clips;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.config.InstallPaths;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.retargeting.urdf.UrdfParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What an export needs from the configuration, checked once on the driver: shard size, episodes per task, the root
 * folder, and the robot model's joint names (the records' {@code joint_names}, as gold's arrays are ordered).
 */
public record ClipSettings(long shardBytes, int episodesPerTask, String defaultOut, List<String> jointNames) {
  public ClipSettings {
    jointNames = List.copyOf(jointNames);
  }

  public static ClipSettings from(CurateConfig config) {
    CurateConfig.ClipsConfig c = config.clips();
    Path urdf = InstallPaths.resolve(config.publish().robotUrdf());
    if (!Files.isRegularFile(urdf)) {
      throw CurateErrors.configuredFileMissing("publish.robot_urdf", "robot model", urdf.normalize(),
          "it names the joints of the clip records");
    }
    String out = c.out().isBlank()
        ? new org.apache.hadoop.fs.Path(config.paths().warehouse(), "clips").toString()
        : c.out();
    return new ClipSettings((long) (c.shardSizeMb() * (1 << 20)), c.episodesPerTask(), out,
        UrdfParser.parse(urdf).actuatedJointNames());
  }

  /** The profile file {@code file} names (relative: to the installation folder). */
  public static ClipProfile profile(String file) {
    return ClipProfile.load(InstallPaths.resolve(file));
  }
}
