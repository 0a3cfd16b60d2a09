package ai.curate.jobs.config;

import ai.curate.jobs.errors.CurateErrors;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Checks the bound configuration once, so the rest of the code can trust it. Messages name the key. */
final class ConfigValidator {
  private ConfigValidator() {}

  static void validate(CurateConfig c) {
    if (c.paths() == null) {
      throw CurateErrors.badConfigValue("paths", "section is required");
    }
    requireNonBlank("paths.raw", c.paths().raw());
    requireNonBlank("paths.warehouse", c.paths().warehouse());
    requireNonBlank("paths.scratch", c.paths().scratch());
    List<String> kinds = List.of(CurateConfig.CatalogConfig.EMBEDDED, CurateConfig.CatalogConfig.EXTERNAL,
        CurateConfig.CatalogConfig.SESSION);
    if (c.catalog() == null || !kinds.contains(c.catalog().kind())) {
      throw CurateErrors.badConfigValue("catalog.kind", "must be one of " + kinds
          + (c.catalog() == null ? "" : ", got '" + c.catalog().kind() + "'"));
    }
    if (c.spark() != null) {
      c.spark().forEach((k, v) -> {
        if (!k.startsWith("spark.")) {
          throw CurateErrors.badConfigValue("spark." + k, "keys in the spark section are full Spark settings and start with 'spark.'");
        }
        if (v == null) {
          throw CurateErrors.badConfigValue(k, "needs a value");
        }
      });
    }
    validateHumanIngest(c.humanIngest(), c.paths() == null ? null : c.paths().warehouse());
    validateAlign(c.align());
    validateRetarget(c.retarget());
    validateQuality(c.quality());
    validatePublish(c.publish());
    CurateConfig.SampleConfig s = c.sample();
    if (s != null) {
      try {
        LocalDate.parse(s.date());
      } catch (DateTimeParseException | NullPointerException e) {
        throw CurateErrors.badConfigValue("sample.date", "expected YYYY-MM-DD, got '" + s.date() + "'");
      }
      if (s.sessions() < 0 || s.clips() < 0) {
        throw CurateErrors.badConfigValue("sample.sessions", "sessions and clips must be >= 0");
      }
      if (!(s.sessionMinutes() > 0)) {
        throw CurateErrors.badConfigValue("sample.session_minutes", "must be > 0");
      }
    }
  }

  private static void validateHumanIngest(CurateConfig.HumanIngestConfig h, String warehouse) {
    if (h == null) {
      throw CurateErrors.badConfigValue("human_ingest", "section is required");
    }
    try {
      ai.curate.jobs.human.HumanIngestSettings.from(h, warehouse);
    } catch (IllegalArgumentException e) {
      throw CurateErrors.badConfigValue("human_ingest", e.getMessage());
    }
  }

  static final List<String> ALIGN_METHODS = List.of("linear", "previous", "nearest", "window_mean", "window_max");

  private static void validateAlign(CurateConfig.AlignConfig a) {
    if (a == null) {
      throw CurateErrors.badConfigValue("align", "section is required");
    }
    requireNonBlank("align.grid_camera", a.gridCamera());
    if (a.fixedRateHz() < 0) {
      throw CurateErrors.badConfigValue("align.fixed_rate_hz", "must be >= 0 (0 = the grid camera's frames)");
    }
    if (!(a.bucketSeconds() > 0)) {
      throw CurateErrors.badConfigValue("align.bucket_seconds", "must be > 0");
    }
    a.policies().forEach((name, p) -> {
      String key = "align.policies." + name;
      if (p == null || p.method() == null || !ALIGN_METHODS.contains(p.method())) {
        throw CurateErrors.badConfigValue(key + ".method", "must be one of " + ALIGN_METHODS
            + (p == null ? "" : ", got '" + p.method() + "'"));
      }
      if (!(p.maxGapMs() >= 0)) {
        throw CurateErrors.badConfigValue(key + ".max_gap_ms", "must be >= 0");
      }
    });
  }

  private static void validateRetarget(CurateConfig.RetargetStageConfig r) {
    if (r == null) {
      throw CurateErrors.badConfigValue("retarget", "section is required");
    }
    requireNonBlank("retarget.robot_config", r.robotConfig());
    if (r.chunkFrames() < 1) {
      throw CurateErrors.badConfigValue("retarget.chunk_frames", "must be >= 1, got " + r.chunkFrames());
    }
    if (r.overlapFrames() < 0 || (r.overlapFrames() > 0 && 2 * r.overlapFrames() >= r.chunkFrames())) {
      throw CurateErrors.badConfigValue("retarget.overlap_frames", "must be >= 0 and less than half of "
          + "retarget.chunk_frames (" + r.chunkFrames() + "), got " + r.overlapFrames());
    }
    if (r.armBaseLink() == null) {
      throw CurateErrors.badConfigValue("retarget.arm_base_link", "must be a link name, or \"\" for no arms");
    }
  }

  private static void validateQuality(CurateConfig.QualityConfig q) {
    if (q == null) {
      throw CurateErrors.badConfigValue("quality", "section is required");
    }
    requireYaml("quality.robot_rules", q.robotRules());
    requireYaml("quality.human_rules", q.humanRules());
    requireNonBlank("quality.robot_urdf", q.robotUrdf());
  }

  private static void requireYaml(String key, String value) {
    requireNonBlank(key, value);
    if (!(value.endsWith(".yaml") || value.endsWith(".yml"))) {
      throw CurateErrors.badConfigValue(key, "must name a rule file (.yaml or .yml), got '" + value + "'");
    }
  }

  private static void validatePublish(CurateConfig.PublishConfig p) {
    if (p == null) {
      throw CurateErrors.badConfigValue("publish", "section is required");
    }
    if (p.split() == null) {
      throw CurateErrors.badConfigValue("publish.split", "needs train, val and test fractions");
    }
    try {
      new ai.curate.transforms.gold.SplitFractions(p.split().train(), p.split().val(), p.split().test());
    } catch (IllegalArgumentException e) {
      throw CurateErrors.badConfigValue("publish.split", e.getMessage());
    }
    if (p.splitSalt() == null) {
      throw CurateErrors.badConfigValue("publish.split_salt", "must be a string (\"\" for none)");
    }
    if (!(p.targetFileSizeMb() > 0)) {
      throw CurateErrors.badConfigValue("publish.target_file_size_mb", "must be > 0");
    }
    requireNonBlank("publish.robot_urdf", p.robotUrdf());
  }

  private static void requireNonBlank(String key, String value) {
    if (value == null || value.isBlank()) {
      throw CurateErrors.badConfigValue(key, "must be set (in the config file or with --set " + key + "=...)");
    }
  }
}
