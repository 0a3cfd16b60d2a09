package ai.curate.jobs.config;

import ai.curate.jobs.errors.CurateErrors;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Binds the YAML files the configuration names (an MCAP mapping, a clip profile) into records, strictly: snake_case
 * keys, unknown keys and nulls for numbers refused. What is wrong is one line: the parser's or binder's first line,
 * the key path and the line number, so the user error says where to look.
 */
public final class YamlFiles {
  private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private YamlFiles() {}

  /**
   * {@code file} bound to {@code type}; a config error naming {@code what} and the file when it cannot be read, is
   * not YAML, does not bind or is empty. The caller checks that the file exists first (its message says which file
   * to use).
   */
  public static <T> T bind(Path file, Class<T> type, String what) {
    T value;
    try {
      value = YAML.readValue(Files.readString(file, StandardCharsets.UTF_8), type);
    } catch (JsonProcessingException e) {
      throw invalid(what, file, describe(e), e);
    } catch (IOException e) {
      throw invalid(what, file, "cannot be read: " + e.getMessage(), e);
    }
    if (value == null) {
      throw invalid(what, file, "is empty", null);
    }
    return value;
  }

  /** The config error for {@code file} (a {@code what}) with {@code detail}. */
  public static RuntimeException invalid(String what, Path file, String detail, Throwable cause) {
    return CurateErrors.configuredFileInvalid(what + " " + file, detail, cause);
  }

  /** {@code e} as one line: "not valid YAML: ..." for a parse error, else the binding problem at its key path. */
  static String describe(JsonProcessingException e) {
    return (syntaxError(e) ? "not valid YAML: " : "") + oneLine(e);
  }

  /** True when Jackson's error comes from the YAML parser (the text is not YAML), not from binding. */
  private static boolean syntaxError(Throwable e) {
    if (!(e instanceof JsonMappingException)) {
      return true;
    }
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof JsonParseException || c.getClass().getName().contains("YAML")) {
        return true;
      }
    }
    return false;
  }

  private static String oneLine(JsonProcessingException e) {
    String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    StringBuilder path = new StringBuilder();
    if (e instanceof JsonMappingException m) {
      for (JsonMappingException.Reference r : m.getPath()) {
        if (r.getFieldName() != null) {
          path.append(path.length() == 0 ? " at " : ".").append(r.getFieldName());
        } else {
          path.append(path.length() == 0 ? " at " : "").append('[').append(r.getIndex()).append(']');
        }
      }
    }
    return e.getOriginalMessage().lines().findFirst().orElse("") + path + where;
  }
}
