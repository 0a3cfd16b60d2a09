package ai.curate.jobs.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.ErrorKind;
import ai.curate.jobs.errors.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** catalog.kind=jdbc settings: validated once, the password from the environment or a file, never a setting. */
class JdbcCatalogTest {
  @TempDir
  Path dir;

  private CurateConfig.CatalogConfig catalog(Map<String, String> settings) {
    return ConfigFixtures.withSettings(Map.of("paths.raw", "raw", "paths.warehouse", "wh", "catalog.kind", "jdbc"))
        .setAll(settings).load(dir).catalog();
  }

  @Test
  void passwordComesFromTheNamedEnvironmentVariableFirst() throws Exception {
    Path file = dir.resolve("pw");
    Files.writeString(file, "from-file\nsecond line ignored\n");
    CurateConfig.CatalogConfig c = catalog(Map.of("catalog.jdbc.url", "jdbc:postgresql://db:5432/m",
        "catalog.jdbc.user", "curate", "catalog.jdbc.password_env", "TEAM_PW",
        "catalog.jdbc.password_file", file.toString()));
    assertThat(JdbcCatalog.from(c, Map.of("TEAM_PW", "from-env")).password()).isEqualTo("from-env");
    assertThat(JdbcCatalog.from(c, Map.of()).password()).isEqualTo("from-file");
    JdbcCatalog jdbc = JdbcCatalog.from(c, Map.of());
    assertThat(jdbc.metastoreSettings()).containsEntry("javax.jdo.option.ConnectionURL", "jdbc:postgresql://db:5432/m")
        .containsEntry("javax.jdo.option.ConnectionDriverName", "org.postgresql.Driver")
        .containsEntry("javax.jdo.option.ConnectionUserName", "curate")
        .containsEntry("hive.metastore.schema.verification", "true")
        .containsEntry("datanucleus.schema.autoCreateAll", "false");
  }

  @Test
  void anUnreadablePasswordFileIsAConfigError() {
    CurateConfig.CatalogConfig c = catalog(Map.of("catalog.jdbc.url", "jdbc:postgresql://db/m",
        "catalog.jdbc.password_file", dir.resolve("missing").toString()));
    assertThatThrownBy(() -> JdbcCatalog.from(c, Map.of())).isInstanceOf(UserError.class)
        .hasMessageContaining("catalog.jdbc.password_file")
        .satisfies(e -> assertThat(((UserError) e).kind()).isEqualTo(ErrorKind.CONFIG));
  }

  @Test
  void jdbcKindNeedsAJdbcUrlAndASupportedDatabase() {
    ConfigFixtures.rejected(() -> catalog(Map.of())).hasMessageContaining("catalog.jdbc.url")
        .hasMessageContaining("jdbc:postgresql://");
    ConfigFixtures.rejected(() -> catalog(Map.of("catalog.jdbc.url", "jdbc:postgresql://db/m?user=u&password=p")))
        .hasMessageContaining("must not carry a password");
    CurateConfig.CatalogConfig mysql = catalog(Map.of("catalog.jdbc.url", "jdbc:mysql://db/m"));
    assertThatThrownBy(() -> JdbcCatalog.from(mysql, Map.of()).driverClass()).isInstanceOf(UserError.class)
        .hasMessageContaining("jdbc:postgresql:");
  }

  @Test
  void anUnreachableDatabaseIsOneLineNamingTheUrl() {
    CurateConfig.CatalogConfig c = catalog(Map.of("catalog.jdbc.url", "jdbc:postgresql://127.0.0.1:1/none"));
    assertThatThrownBy(() -> MetastoreSchema.version(JdbcCatalog.from(c, Map.of()))).isInstanceOf(UserError.class)
        .hasMessageContaining("cannot reach the catalog database jdbc:postgresql://127.0.0.1:1/none")
        .satisfies(e -> assertThat(((UserError) e).kind()).isEqualTo(ErrorKind.CATALOG));
  }

  @Test
  void theSchemaIsEveryPersistentClassOfTheMetastore() {
    assertThat(MetastoreSchema.modelClasses()).hasSizeGreaterThanOrEqualTo(30)
        .contains("org.apache.hadoop.hive.metastore.model.MDatabase", "org.apache.hadoop.hive.metastore.model.MTable",
            "org.apache.hadoop.hive.metastore.model.MVersionTable",
            "org.apache.hadoop.hive.metastore.model.MPartition");
    assertThat(MetastoreSchema.VERSION).isEqualTo("2.3.0");
  }
}
