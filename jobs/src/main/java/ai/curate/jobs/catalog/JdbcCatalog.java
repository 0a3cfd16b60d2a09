package ai.curate.jobs.catalog;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.CurateErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The connection of {@code catalog.kind=jdbc}: the database that holds the Hive metastore schema, reached by every
 * process directly (no metastore service). The password comes from the environment or a file, never from settings.
 *
 * @param url JDBC URL ({@code jdbc:postgresql://host:port/database})
 * @param user database user (blank: the driver's default)
 * @param password resolved password (blank when neither source gives one)
 */
public record JdbcCatalog(String url, String user, String password) {

  /** The JDBC drivers the catalog supports, by URL prefix (the driver jar ships with the application). */
  private static final Map<String, String> DRIVERS = Map.of("jdbc:postgresql:", "org.postgresql.Driver");

  /** The catalog settings of {@code config}, password resolved; a user error when it cannot be. */
  public static JdbcCatalog from(CurateConfig.CatalogConfig config) {
    return from(config, System.getenv());
  }

  static JdbcCatalog from(CurateConfig.CatalogConfig config, Map<String, String> environment) {
    CurateConfig.JdbcCatalogConfig jdbc = config.jdbc();
    String password = environment.get(jdbc.passwordEnv());
    if (password == null && jdbc.passwordFile() != null && !jdbc.passwordFile().isBlank()) {
      Path file = Path.of(jdbc.passwordFile());
      try {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        password = lines.isEmpty() ? "" : lines.get(0).strip();
      } catch (IOException e) {
        throw CurateErrors.catalogPasswordUnreadable(file, e);
      }
    }
    return new JdbcCatalog(jdbc.url(), jdbc.user() == null ? "" : jdbc.user(), password == null ? "" : password);
  }

  /** The driver class for this URL; a user error naming the supported databases otherwise. */
  public String driverClass() {
    return DRIVERS.entrySet().stream().filter(e -> url.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst()
        .orElseThrow(() -> CurateErrors.catalogDatabaseUnsupported(url, DRIVERS.keySet()));
  }

  /** A plain JDBC connection (schema checks and {@code catalog init}); a user error when the database is unreachable. */
  public Connection connect() {
    try {
      Class.forName(driverClass());
      Properties props = new Properties();
      if (!user.isBlank()) {
        props.setProperty("user", user);
      }
      if (!password.isBlank()) {
        props.setProperty("password", password);
      }
      return DriverManager.getConnection(url, props);
    } catch (ClassNotFoundException e) {
      throw CurateErrors.catalogUnreachable(url, "JDBC driver " + driverClass() + " is not on the classpath", e);
    } catch (SQLException e) {
      throw CurateErrors.catalogUnreachable(url, e.getMessage(), e);
    }
  }

  /**
   * The Hadoop settings that point a Hive metastore client (Spark's, or {@link MetastoreSchema}'s) at this database.
   * Keys are Hive's ({@code javax.jdo.option.*}); Spark takes them with a {@code spark.hadoop.} prefix.
   */
  public Map<String, String> metastoreSettings() {
    return Map.of(
        "javax.jdo.option.ConnectionURL", url,
        "javax.jdo.option.ConnectionDriverName", driverClass(),
        "javax.jdo.option.ConnectionUserName", user,
        "javax.jdo.option.ConnectionPassword", password,
        // Every process checks the VERSION row init wrote, and never creates tables behind each other's back.
        "hive.metastore.schema.verification", "true",
        "datanucleus.schema.autoCreateAll", "false");
  }
}
