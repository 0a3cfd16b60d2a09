package ai.curate.jobs.spark;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Run in a second JVM by {@link EmbeddedCatalogLockTest}: boots the embedded Derby database given
 * as argument (as a running curate process does), prints "held", and keeps it open until killed.
 */
public final class CatalogHolderMain {
  private CatalogHolderMain() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("derby.stream.error.file", args[0] + ".log");
    try (Connection c = DriverManager.getConnection("jdbc:derby:" + args[0] + ";create=true")) {
      System.out.println("held");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
