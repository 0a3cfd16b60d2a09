package ai.curate.jobs.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.UserError;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import ai.curate.testing.SparkTestBase;
import java.util.List;
import javax.security.sasl.AuthenticationException;
import org.junit.jupiter.api.Test;

/** curate sql-server: who may connect, and what its read-only parser lets through. */
class SqlServerSettingsTest extends SparkTestBase {

  @Test
  void loopbackNeedsNoPasswordAnyOtherAddressDoes() {
    assertThat(SqlServer.Settings.of("127.0.0.1", 10000, "curate", false).authenticated()).isFalse();
    assertThat(SqlServer.Settings.of("localhost", 10000, "curate", false).authenticated()).isFalse();
    if (System.getenv(PasswordAuthenticator.PASSWORD_ENV) == null) {
      assertThatThrownBy(() -> SqlServer.Settings.of("0.0.0.0", 10000, "curate", false))
          .isInstanceOf(UserError.class).hasMessageContaining(PasswordAuthenticator.PASSWORD_ENV);
    }
  }

  @Test
  void withoutAConfiguredPasswordNobodyGetsIn() {
    if (System.getenv(PasswordAuthenticator.PASSWORD_ENV) == null) {
      assertThatThrownBy(() -> new PasswordAuthenticator().Authenticate("curate", ""))
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void readOnlyParserLetsQueriesAndSessionStatementsThroughAndRefusesWrites() {
    ReadOnlySqlExtension.ReadOnlyParser parser = new ReadOnlySqlExtension.ReadOnlyParser(
        spark().sessionState().sqlParser());
    for (String sql : List.of("SELECT 1", "SHOW TABLES IN gold", "USE gold", "SET spark.sql.ansi.enabled=true",
        "RESET", "DESCRIBE HISTORY gold.episodes")) {
      assertThatCode(() -> parser.parsePlan(sql)).as(sql).doesNotThrowAnyException();
    }
    for (String sql : List.of("DROP TABLE gold.episodes", "DELETE FROM gold.episodes", "VACUUM gold.episodes",
        "CREATE TABLE t (a INT) USING delta", "SELECT reflect('java.lang.System', 'exit', 0)",
        "INSERT INTO IDENTIFIER('gold.episodes') SELECT * FROM gold.episodes")) {
      assertThatThrownBy(() -> parser.parsePlan(sql)).as(sql).isInstanceOf(UserError.class)
          .hasMessageContaining("read-only");
    }
    for (String sql : List.of("SET spark.sql.runSQLOnFiles=true",
        "SET spark.sql.catalog.x=org.apache.spark.sql.execution.datasources.v2.jdbc.JDBCTableCatalog")) {
      assertThatThrownBy(() -> parser.parsePlan(sql)).as(sql).isInstanceOf(UserError.class)
          .hasMessageContaining("SET only");
    }
  }

  @Test
  void aBlankHostIsRefusedAndTheServerSettingsCannotBeOverriddenFromTheConfig(@TempDir Path dir) {
    assertThatThrownBy(() -> SqlServer.Settings.of(" ", 10000, "curate", false)).isInstanceOf(UserError.class)
        .hasMessageContaining("--host");
    CurateConfig config = ConfigFixtures.withSettings(Map.of("paths.raw", "raw", "paths.warehouse", "wh",
        "spark.hive.server2.thrift.bind.host", "0.0.0.0")).load(dir);
    SqlServer.Settings local = SqlServer.Settings.of("127.0.0.1", 10000, "curate", false);
    assertThatThrownBy(() -> SqlServer.withServerSettings(config, local)).isInstanceOf(UserError.class)
        .hasMessageContaining("spark.hive.server2.thrift.bind.host");
    CurateConfig plain = ConfigFixtures.withSettings(Map.of("paths.raw", "raw", "paths.warehouse", "wh")).load(dir);
    assertThat(SqlServer.withServerSettings(plain, local).spark())
        .containsEntry("spark.hadoop.hive.server2.thrift.bind.host", "127.0.0.1")
        .containsEntry("spark.hadoop.hive.server2.authentication", "NONE")
        .containsEntry("spark.sql.runSQLOnFiles", "false")
        .containsEntry("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension,"
            + ReadOnlySqlExtension.class.getName());
  }
}
