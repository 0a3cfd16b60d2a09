package ai.curate.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.jobs.errors.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  private Path write(String yaml) throws IOException {
    Path f = dir.resolve("conf").resolve("test.yaml");
    Files.createDirectories(f.getParent());
    Files.writeString(f, yaml);
    return f;
  }

  /** A relative raw path (resolved against the file's folder, conf/) and an absolute warehouse. */
  private static ConfigFixtures minimal() {
    return ConfigFixtures.withSettings(Map.of("paths.raw", "../raw", "paths.warehouse", "/abs/wh"));
  }

  private Path minimalFile(ConfigFixtures settings) {
    return settings.writeTo(dir.resolve("conf").resolve("test.yaml"));
  }

  @Test
  void relativePathsResolveAgainstTheConfigFilesFolder() throws IOException {
    CurateConfig c = new ConfigLoader().load(minimalFile(minimal()), List.of());
    assertThat(c.paths().raw()).isEqualTo(dir.resolve("raw").toString());
    assertThat(c.paths().warehouse()).isEqualTo("/abs/wh");
  }

  @Test
  void urisAreKeptAsGiven() throws IOException {
    CurateConfig c = new ConfigLoader().load(minimalFile(
        ConfigFixtures.withSettings(Map.of("paths.raw", "s3a://bucket/raw", "paths.warehouse", "file:/tmp/wh"))),
        List.of());
    assertThat(c.paths().raw()).isEqualTo("s3a://bucket/raw");
    assertThat(c.paths().warehouse()).isEqualTo("file:/tmp/wh");
  }

  @Test
  void builtInDefaultsFillWhatTheFileLeavesOut() throws IOException {
    CurateConfig c = new ConfigLoader().load(minimalFile(minimal()), List.of());
    assertThat(c.catalog().kind()).isEqualTo("embedded");
    assertThat(c.spark()).containsEntry("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    assertThat(c.sample().sessions()).isEqualTo(3);
  }

  @Test
  void precedenceIsDefaultsThenFileThenSetWithTheLastSetWinning() throws IOException {
    Path f = minimalFile(minimal().set("spark.sql.shuffle.partitions", 8).set("spark.master", "local[4]")
        .set("sample.sessions", 5));
    CurateConfig fromFile = new ConfigLoader().load(f, List.of());
    assertThat(fromFile.spark()).containsEntry("spark.sql.shuffle.partitions", "8").containsEntry("spark.master",
        "local[4]");
    assertThat(fromFile.sample().sessions()).isEqualTo(5);
    assertThat(fromFile.sample().clips()).isEqualTo(2); // default kept: sections merge key by key

    CurateConfig overridden = new ConfigLoader().load(f, List.of(
        "spark.master=local[2]", "sample.sessions=9", "sample.sessions=11", "paths.warehouse=/data/wh"));
    assertThat(overridden.spark()).containsEntry("spark.master", "local[2]")
        .containsEntry("spark.sql.shuffle.partitions", "8");
    assertThat(overridden.sample().sessions()).isEqualTo(11);
    assertThat(overridden.paths().warehouse()).isEqualTo("/data/wh");
  }

  @Test
  void anySparkSettingCanBeSetEvenIfNotInTheFile() throws IOException {
    CurateConfig c = new ConfigLoader().load(minimalFile(minimal()), List.of("spark.executor.memoryOverhead=4g"));
    assertThat(c.spark()).containsEntry("spark.executor.memoryOverhead", "4g");
  }

  @Test
  void relativePathInSetResolvesAgainstTheWorkingDirectory() throws IOException {
    CurateConfig c = new ConfigLoader().load(minimalFile(minimal()), List.of("paths.raw=some/raw"));
    assertThat(c.paths().raw()).isEqualTo(Path.of("some/raw").toAbsolutePath().normalize().toString());
  }

  @Test
  void unknownKeyInFileIsRejectedWithItsDottedName() throws IOException {
    Path f = minimalFile(minimal().set("paths.rwa", "x"));
    assertThatThrownBy(() -> new ConfigLoader().load(f, List.of()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("unknown config key 'paths.rwa'")
        .hasMessageContaining("raw, scratch, warehouse");
  }

  @Test
  void unknownTopLevelSectionIsRejected() throws IOException {
    assertThatThrownBy(() -> new ConfigLoader().load(minimalFile(minimal().set("pathz.a", 1)), List.of()))
        .isInstanceOf(UserError.class).hasMessageContaining("'pathz'");
  }

  @Test
  void unknownKeyInSetIsRejectedWithItsName() throws IOException {
    assertThatThrownBy(() -> new ConfigLoader().load(minimalFile(minimal()), List.of("sample.sesions=3")))
        .isInstanceOf(UserError.class).hasMessageContaining("'sample.sesions'");
  }

  @Test
  void wrongTypeNamesTheKeyAndTheExpectedType() throws IOException {
    assertThatThrownBy(() -> new ConfigLoader().load(minimalFile(minimal()), List.of("sample.sessions=many")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("config key 'sample.sessions'")
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> new ConfigLoader().load(minimalFile(minimal().set("paths2", 1)), List.of()))
        .isInstanceOf(UserError.class).hasMessageContaining("paths2");
    assertThatThrownBy(() -> new ConfigLoader().load(write("paths: [a, b]\n"), List.of()))
        .isInstanceOf(UserError.class).hasMessageContaining("'paths'");
  }

  @Test
  void invalidValuesAreRejectedAtLoadNamingTheKey() throws IOException {
    assertThatThrownBy(() -> new ConfigLoader().load(minimalFile(minimal()), List.of("catalog.kind=oracle")))
        .isInstanceOf(UserError.class).hasMessageContaining("catalog.kind");
    assertThatThrownBy(() -> new ConfigLoader().load(minimalFile(minimal()), List.of("sample.date=2026-13-01")))
        .isInstanceOf(UserError.class).hasMessageContaining("sample.date");
    assertThatThrownBy(() -> new ConfigLoader()
        .load(minimalFile(ConfigFixtures.withSettings(Map.of("paths.warehouse", "/wh"))), List.of()))
        .isInstanceOf(UserError.class).hasMessageContaining("paths.raw");
  }

  @Test
  void malformedOverrideAndMissingFileAndBadYamlAreUserErrors() throws IOException {
    assertThatThrownBy(() -> new ConfigLoader().load(minimalFile(minimal()), List.of("novalue")))
        .isInstanceOf(UserError.class).hasMessageContaining("key=value");
    assertThatThrownBy(() -> new ConfigLoader().load(dir.resolve("nope.yaml"), List.of()))
        .isInstanceOf(UserError.class).hasMessageContaining("not found");
    assertThatThrownBy(() -> new ConfigLoader().load(write("paths: {raw: [unclosed\n"), List.of()))
        .isInstanceOf(UserError.class).hasMessageContaining("not valid YAML");
  }

  @Test
  void shippedConfigsLoad() {
    Path home = Path.of(System.getProperty("curate.project.dir", "..")).toAbsolutePath().normalize();
    CurateConfig local = new ConfigLoader().load(home.resolve("configs/local.yaml"), List.of());
    assertThat(local.paths().warehouse()).isEqualTo(home.resolve("work/warehouse").toString());
    CurateConfig cluster = new ConfigLoader().load(home.resolve("configs/cluster.example.yaml"), List.of());
    assertThat(cluster.catalog().kind()).isEqualTo("external");
    assertThat(cluster.paths().raw()).startsWith("s3a://");
  }
}
