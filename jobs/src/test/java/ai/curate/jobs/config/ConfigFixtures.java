package ai.curate.jobs.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.jobs.errors.UserError;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Test configs from dotted {@code key=value} settings instead of YAML typed by hand: the settings are written as a
 * real config file and read back by {@link ConfigLoader}, so tests go through defaults, path resolution and
 * validation like a user's file does. Keys starting with {@code spark.} land in the {@code spark} section.
 * <pre>
 * CurateConfig c = ConfigFixtures.withSettings(Map.of("paths.raw", "raw", "paths.warehouse", "wh")).load(dir);
 * </pre>
 */
public final class ConfigFixtures {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, String> settings = new LinkedHashMap<>();

  private ConfigFixtures() {}

  public static ConfigFixtures withSettings(Map<String, ?> settings) {
    return new ConfigFixtures().setAll(settings);
  }

  /** raw, warehouse and scratch as given, and the in-memory catalog: what a Spark stage test needs. */
  public static ConfigFixtures session(Path raw, Path warehouse, Path scratch) {
    return withSettings(Map.of("paths.raw", raw, "paths.warehouse", warehouse, "paths.scratch", scratch,
        "catalog.kind", CurateConfig.CatalogConfig.SESSION));
  }

  /** Adds or replaces one setting; the value is written as text, as {@code --set} gives it. */
  public ConfigFixtures set(String key, Object value) {
    settings.put(key, String.valueOf(value));
    return this;
  }

  public ConfigFixtures setAll(Map<String, ?> more) {
    more.forEach(this::set);
    return this;
  }

  /** Writes the settings as a YAML config file at {@code file} (its folder created) and returns it. */
  public Path writeTo(Path file) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    settings.forEach((key, value) -> ConfigLoader.put(root, key, value));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      YAML.writeValue(file.toFile(), root);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that {@code load} refuses the config with a {@link UserError}; the message is the caller's to check. */
  public static AbstractThrowableAssert<?, ? extends Throwable> rejected(ThrowingCallable load) {
    return assertThatThrownBy(load).isInstanceOf(UserError.class);
  }

  /** Writes a fresh config file in {@code dir} and loads it with {@code overrides} as --set. */
  public CurateConfig load(Path dir, String... overrides) {
    try {
      Path file = writeTo(Files.createTempFile(Files.createDirectories(dir), "curate", ".yaml"));
      return new ConfigLoader().load(file, List.of(overrides));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
