package ai.curate.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.cli.CurateCli;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.derby.jdbc.EmbeddedDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A catalog held by another process is one line naming the holder, before any Spark starts. */
class EmbeddedCatalogLockTest {

  @Test
  void sqlOnACatalogHeldByAnotherProcessFailsInOneLineNamingThePid(@TempDir Path dir) throws Exception {
    Path warehouse = dir.resolve("warehouse");
    Path database = warehouse.resolve("_catalog/metastore_db");
    Files.createDirectories(database.getParent());
    Path conf = dir.resolve("c.yaml");
    Files.writeString(conf, "paths:\n  raw: " + dir.resolve("raw") + "\n  warehouse: " + warehouse + "\n");
    Process holder = startHolder(database);
    try {
      CommandLine cl = CurateCli.commandLine();
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      cl.setOut(new PrintWriter(out));
      cl.setErr(new PrintWriter(err));

      int code = cl.execute("sql", "--config", conf.toString(), "SHOW DATABASES");

      assertThat(code).isEqualTo(2);
      assertThat(out.toString()).isEmpty();
      assertThat(err.toString().strip().lines()).hasSize(1);
      assertThat(err.toString()).contains(database.toString()).contains("process " + holder.pid())
          .contains("dbex.lck").contains("catalog.kind=jdbc");
    } finally {
      holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aFreeOrMissingDatabaseIsNotAnError(@TempDir Path dir) throws Exception {
    EmbeddedCatalogLock.checkFree(dir.resolve("metastore_db"));
    Files.createDirectories(dir.resolve("metastore_db"));
    Files.writeString(dir.resolve("metastore_db/dbex.lck"), "");
    EmbeddedCatalogLock.checkFree(dir.resolve("metastore_db"));
  }

  /** A second JVM with only Derby and the holder class on its class path; returns once it holds the database. */
  private static Process startHolder(Path database) throws Exception {
    String cp = codeSource(EmbeddedDriver.class) + File.pathSeparator + codeSource(CatalogHolderMain.class);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", cp, CatalogHolderMain.class.getName(), database.toString())
        .redirectErrorStream(true).start();
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = r.readLine();
    assertThat(line).as("holder process output").isEqualTo("held");
    return p;
  }

  private static String codeSource(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
