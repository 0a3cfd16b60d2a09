package ai.curate.jobs.config;

import static ai.curate.jobs.config.ConfigFixtures.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.fleet.FleetIngestSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The declarations in {@link Settings} agree with the bound records, the defaults and docs/configuration.md. */
class SettingsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  @TempDir
  Path dir;

  private CurateConfig load(String... overrides) {
    return ConfigFixtures.withSettings(Map.of("paths.raw", "/r", "paths.warehouse", "/w")).load(dir, overrides);
  }

  @Test
  void everyLeafOfCurateConfigIsDeclaredAndGetsItsDeclaredDefault() {
    JsonNode bound = MAPPER.valueToTree(load());
    List<String> leaves = new ArrayList<>();
    collectLeaves(bound, "", leaves);
    assertThat(leaves).containsExactlyInAnyOrderElementsOf(Settings.ALL.stream().map(Setting::key).toList());
    for (Setting<?> s : Settings.ALL) {
      if (s == Settings.PATHS_RAW || s == Settings.PATHS_WAREHOUSE) {
        continue;
      }
      assertThat(bound.at("/" + s.key().replace('.', '/'))).as(s.key())
          .isEqualTo(MAPPER.valueToTree(s.defaultValue()));
    }
  }

  /** Dotted keys of the tree's leaves; map-valued settings count as one leaf. */
  private static void collectLeaves(JsonNode node, String prefix, List<String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix + e.getKey();
      Setting<?> declared = Settings.byKey(key);
      if (e.getValue().isObject() && (declared == null || !declared.isMap())) {
        collectLeaves(e.getValue(), key + ".", out);
      } else {
        out.add(key);
      }
    }
  }

  @Test
  void keysAreUniqueAndDocumented() {
    assertThat(Settings.ALL.stream().map(Setting::key)).doesNotHaveDuplicates();
    assertThat(Settings.ALL).allSatisfy(s -> assertThat(s.doc()).as(s.key()).isNotBlank());
  }

  @Test
  void docsConfigurationMdListsEverySettingAsDeclared() throws IOException {
    Path doc = Path.of(System.getProperty("curate.project.dir", "..")).resolve("docs/configuration.md");
    String table = SettingsTable.markdown();
    assertThat(Files.readString(doc))
        .as("docs/configuration.md must contain the settings table as declared in Settings; replace it with:%n%s",
            table)
        .contains(table);
    Settings.RENAMED.forEach((former, now) -> assertThat(doc).as("renamed key in the doc")
        .content().contains("| `" + former + "` | `" + now + "` |"));
  }

  @Test
  void fleetIngestSizesComeFromTheirSection() {
    FleetIngestSettings given = FleetIngestSettings.from(load("fleet_ingest.slice_mb=2",
        "fleet_ingest.max_small_file_mb=0.5").fleetIngest());
    assertThat(given).isEqualTo(new FleetIngestSettings(2L << 20, 1L << 19));
    assertThat(FleetIngestSettings.from(load("fleet_ingest.max_event_line_bytes=4096").fleetIngest())
        .maxEventLineBytes()).isEqualTo(4096);
    assertThat(FleetIngestSettings.defaults().maxEventLineBytes()).isEqualTo(1L << 20);
    rejected(() -> load("fleet_ingest.max_event_line_bytes=0"))
        .hasMessage("config key 'fleet_ingest.max_event_line_bytes': must be between 1 and 268435456, got 0");
    rejected(() -> load("fleet_ingest.max_small_file_mb=4096")).hasMessageContaining("fleet_ingest.max_small_file_mb");
    assertThat(FleetIngestSettings.from(load().fleetIngest())).isEqualTo(FleetIngestSettings.defaults());
    rejected(() -> load("fleet_ingest.slice_mb=0")).hasMessage("config key 'fleet_ingest.slice_mb': must be > 0");
  }

  @Test
  void theFormerSparkKeysAreRejectedNamingTheirReplacement() {
    rejected(() -> load("spark.curate.fleet.sliceMb=8"))
        .hasMessageContaining("spark.curate.fleet.sliceMb").hasMessageContaining("fleet_ingest.slice_mb");
    rejected(() -> load("spark.curate.fleet.maxSmallFileMb=8")).hasMessageContaining("fleet_ingest.max_small_file_mb");
  }

  @Test
  void declaredChecksAndWholeConfigChecksNameTheKey() {
    rejected(() -> load("align.bucket_seconds=0")).hasMessage("config key 'align.bucket_seconds': must be > 0");
    rejected(() -> load("align.policies.wrench.method=cubic"))
        .hasMessageStartingWith("config key 'align.policies.wrench.method': must be one of [linear,");
    rejected(() -> load("retarget.overlap_frames=900"))
        .hasMessageStartingWith("config key 'retarget.overlap_frames': must be >= 0 and less than half");
    rejected(() -> load("quality.robot_rules=rules.txt")).hasMessageContaining("must name a rule file");
  }
}
