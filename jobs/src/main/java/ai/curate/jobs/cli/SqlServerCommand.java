package ai.curate.jobs.cli;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.spark.SparkSessions;
import ai.curate.jobs.sqlserver.SqlServer;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code curate sql-server}: the catalog's tables for JDBC clients (beeline, BI tools), until stopped. */
@Command(name = "sql-server", mixinStandardHelpOptions = true,
    description = "Serve the configured catalog's tables over the HiveServer2 protocol (Spark Thrift Server) to"
        + " standard JDBC clients: jdbc:hive2://HOST:PORT/default. Runs until stopped (Ctrl-C, SIGTERM). Read-only"
        + " unless --allow-writes is given.")
public final class SqlServerCommand implements Callable<Integer> {
  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--port", defaultValue = "10000", description = "TCP port. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only). Any other address needs"
          + " authentication: clients give --user and the password of the environment variable "
          + "CURATE_SQL_SERVER_PASSWORD.")
  String host;

  @Option(names = "--user", defaultValue = "curate",
      description = "The user name clients give when authentication is on. Default: ${DEFAULT-VALUE}.")
  String user;

  @Option(names = "--allow-writes",
      description = "Also run statements that change tables or the catalog (as curate sql --allow-writes).")
  boolean allowWrites;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 1 || port > 65535) {
      throw CurateErrors.optionInvalid("--port", "must be between 1 and 65535, got " + port);
    }
    SqlServer.Settings settings = SqlServer.Settings.of(host, port, user, allowWrites);
    CurateConfig config = configOptions.load();
    try (SparkSession spark = SparkSessions.create(SqlServer.withServerSettings(config, settings))) {
      SqlServer server = SqlServer.start(spark, settings);
      System.out.println("sql-server: serving " + server.jdbcUrl() + (settings.authenticated()
          ? " (user " + user + ", password from CURATE_SQL_SERVER_PASSWORD)"
          : " (this machine only, no password)")
          + (allowWrites ? "" : ", read-only"));
      System.out.flush();
      server.awaitStop();
    }
    return 0;
  }
}
