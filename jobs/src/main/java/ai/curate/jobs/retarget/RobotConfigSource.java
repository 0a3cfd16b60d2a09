package ai.curate.jobs.retarget;

import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.errors.UserError;
import ai.curate.retargeting.retarget.RetargetConfig;
import ai.curate.retargeting.retarget.RetargetConfigException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A robot retargeting config that travels to executors: read and validated once on the driver (errors name the
 * user's file and the config key), then shipped as text (the YAML with its {@code urdf} pointing beside it, and the
 * URDF), so executors need no access to the driver's files. Each JVM materialises and loads it once.
 */
public final class RobotConfigSource implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, RetargetConfig> LOADED = new ConcurrentHashMap<>();
  private static final String URDF_NAME = "robot.urdf";

  private final String yaml;
  private final String urdf;
  private final String key;

  private RobotConfigSource(String yaml, String urdf) {
    this.yaml = yaml;
    this.urdf = urdf;
    this.key = sha256(yaml + "\u0000" + urdf);
  }

  /** Loads the file the driver can see (a {@link UserError} naming {@code retarget.robot_config} if it is bad). */
  public static Loaded read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw CurateErrors.configuredFileMissing("retarget.robot_config", "robot config", file,
          "set retarget.robot_config, e.g. --set retarget.robot_config=configs/robots/neo/retarget-hands.yaml");
    }
    RetargetConfig config;
    try {
      config = RetargetConfig.load(file);
    } catch (RetargetConfigException e) {
      throw CurateErrors.configuredFileInvalid("retarget.robot_config", e.getMessage(), e);
    }
    try {
      ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
      ObjectNode tree = (ObjectNode) mapper.readTree(Files.readString(file));
      tree.put("urdf", URDF_NAME);
      // JSON is YAML: the tree written as JSON reads back the same.
      String yaml = new ObjectMapper().writeValueAsString(tree);
      String urdf = Files.readString(config.urdf(), StandardCharsets.UTF_8);
      return new Loaded(new RobotConfigSource(yaml, urdf), config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read robot config " + file + ": " + e.getMessage(), e);
    }
  }

  public record Loaded(RobotConfigSource source, RetargetConfig config) {}

  /** The config on this JVM (loaded once per content). Thread-safe; the config itself is read-only. */
  RetargetConfig config() {
    return LOADED.computeIfAbsent(key, k -> {
      try {
        Path dir = Files.createTempDirectory("curate-robot-config-");
        dir.toFile().deleteOnExit();
        Path urdfFile = dir.resolve(URDF_NAME);
        Files.writeString(urdfFile, urdf, StandardCharsets.UTF_8);
        Path yamlFile = dir.resolve("retarget.yaml");
        Files.writeString(yamlFile, yaml, StandardCharsets.UTF_8);
        RetargetConfig c = RetargetConfig.load(yamlFile);
        Files.delete(yamlFile);
        Files.delete(urdfFile);
        Files.delete(dir);
        return c;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot materialise the robot config on this executor: " + e.getMessage(), e);
      }
    });
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
