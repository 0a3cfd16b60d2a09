package ai.curate.jobs.mcap;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.config.InstallPaths;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.retargeting.urdf.UrdfParser;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ingest-mcap} needs from the config section {@code mcap_ingest}, loaded and checked once on the driver
 * and shipped to the tasks: the default topic mapping, the per-robot mappings, the robot model's actuated joints (the
 * order of every joint array in bronze) and the read split size.
 *
 * @param mapping the mapping of a recording whose robot has no entry in {@code robotMappings}
 * @param robotMappings per robot id, the mapping that replaces the default
 * @param jointNames the robot model's actuated joints, in order
 * @param splitBytes compressed chunk bytes per read task
 * @param maxEventLineBytes longest {@code /events} message read (the {@code fleet_ingest} limit of an events line)
 */
public record McapIngestSettings(McapMapping mapping, Map<String, McapMapping> robotMappings,
    List<String> jointNames, long splitBytes, long maxEventLineBytes) implements Serializable {

  public McapIngestSettings {
    robotMappings = Map.copyOf(robotMappings);
    jointNames = List.copyOf(jointNames);
    if (splitBytes <= 0 || maxEventLineBytes <= 0) {
      throw new IllegalArgumentException("split and line sizes must be positive");
    }
  }

  /** The mapping that applies to {@code robotId}'s recordings. */
  public McapMapping mappingFor(String robotId) {
    return robotMappings.getOrDefault(robotId, mapping);
  }

  /** Loads the mapping files and the robot model the config names (a one-line config error when one is bad). */
  public static McapIngestSettings from(CurateConfig config) {
    CurateConfig.McapIngestConfig c = config.mcapIngest();
    McapMapping mapping = McapMapping.load(InstallPaths.resolve(c.mapping()));
    Map<String, McapMapping> perRobot = new LinkedHashMap<>();
    c.robotMappings().forEach((robot, file) -> perRobot.put(robot, McapMapping.load(InstallPaths.resolve(file))));
    Path urdf = InstallPaths.resolve(c.robotUrdf());
    if (!Files.isRegularFile(urdf)) {
      throw CurateErrors.configuredFileMissing("mcap_ingest.robot_urdf", "robot model", urdf,
          "its actuated joints order the joint arrays of MCAP sessions");
    }
    List<String> joints = UrdfParser.parse(urdf).actuatedJointNames();
    return new McapIngestSettings(mapping, perRobot, joints, (long) (c.splitMb() * (1 << 20)),
        config.fleetIngest().maxEventLineBytes());
  }
}
