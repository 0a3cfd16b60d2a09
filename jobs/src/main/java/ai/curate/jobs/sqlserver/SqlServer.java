package ai.curate.jobs.sqlserver;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.CurateErrors;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;

/**
 * The catalog's tables over the HiveServer2 protocol: Spark's Thrift Server started on this process's session, so
 * every JDBC session reads through the configured catalog and Delta (each statement sees one committed version of
 * each table it reads). Listens on this machine only unless told otherwise; elsewhere it asks for a password.
 */
public final class SqlServer {
  /** HiveServer2 reads its address from this variable before its settings. */
  static final String BIND_HOST_ENV = "HIVE_SERVER2_THRIFT_BIND_HOST";

  private final HiveThriftServer2 server;
  private final Settings settings;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private SqlServer(HiveThriftServer2 server, Settings settings) {
    this.server = server;
    this.settings = settings;
  }

  /**
   * How the server listens.
   *
   * @param authenticated whether clients must give {@code user} and the password of
   *     {@link PasswordAuthenticator#PASSWORD_ENV} (always when {@code host} is not a loopback address)
   */
  public record Settings(String host, int port, String user, boolean allowWrites, boolean authenticated) {
    /** Settings for {@code host}: authentication on unless it is a loopback address; a user error without a password. */
    public static Settings of(String host, int port, String user, boolean allowWrites) {
      if (host == null || host.isBlank()) {
        throw CurateErrors.optionInvalid("--host", "must name an address (a blank one listens on every address)");
      }
      if (System.getenv(BIND_HOST_ENV) != null) {
        throw CurateErrors.sqlServerBindHostOverridden(BIND_HOST_ENV);
      }
      boolean authenticated = !loopback(host);
      if (authenticated) {
        String password = System.getenv(PasswordAuthenticator.PASSWORD_ENV);
        if (password == null || password.isEmpty()) {
          throw CurateErrors.sqlServerNeedsPassword(host, PasswordAuthenticator.PASSWORD_ENV);
        }
      }
      return new Settings(host, port, user, allowWrites, authenticated);
    }
  }

  /** {@code config} with the Spark settings the Thrift Server reads (its Hive settings, the read-only parser). */
  public static CurateConfig withServerSettings(CurateConfig config, Settings settings) {
    Map<String, String> spark = new LinkedHashMap<>(config.spark());
    for (String key : spark.keySet()) {
      // spark.hive.* lands in the Hive settings after spark.hadoop.*: it would override the address and the
      // authentication chosen here.
      if (key.startsWith("spark.hive.server2.") || key.startsWith("spark.hadoop.hive.server2.")) {
        throw CurateErrors.sqlServerSettingInConfig(key);
      }
    }
    // Reading files by path (SELECT * FROM parquet.`/any/file`) would bypass the catalog; SET cannot turn it back on.
    spark.put("spark.sql.runSQLOnFiles", "false");
    String hive = "spark.hadoop.hive.server2.";
    spark.put(hive + "thrift.bind.host", settings.host());
    spark.put(hive + "thrift.port", Integer.toString(settings.port()));
    spark.put(hive + "transport.mode", "binary");
    spark.put(hive + "enable.doAs", "false");
    if (settings.authenticated()) {
      spark.put(hive + "authentication", "CUSTOM");
      spark.put(hive + "custom.authentication.class", PasswordAuthenticator.class.getName());
      System.setProperty(PasswordAuthenticator.USER_PROPERTY, settings.user());
    } else {
      spark.put(hive + "authentication", "NONE");
    }
    if (!settings.allowWrites()) {
      String extensions = spark.getOrDefault("spark.sql.extensions", "");
      spark.put("spark.sql.extensions", (extensions.isBlank() ? "" : extensions + ",")
          + ReadOnlySqlExtension.class.getName());
    }
    return config.withSpark(spark);
  }

  /** Starts serving {@code spark}'s catalog; returns once the port is open. */
  public static SqlServer start(SparkSession spark, Settings settings) {
    HiveThriftServer2 server;
    try {
      server = HiveThriftServer2.startWithContext(spark.sqlContext());
    } catch (RuntimeException e) {
      throw CurateErrors.sqlServerDidNotStart(settings.host(), settings.port(), e);
    }
    SqlServer running = new SqlServer(server, settings);
    Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "curate-sql-server-stop"));
    return running;
  }

  public String jdbcUrl() {
    return "jdbc:hive2://" + settings.host() + ":" + settings.port() + "/default";
  }

  /** Blocks until {@link #stop} (a shutdown hook on SIGTERM or Ctrl-C). */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  public void stop() {
    if (stopped.getCount() > 0) {
      server.stop();
      stopped.countDown();
    }
  }

  static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
