package ai.curate.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.jobs.errors.ErrorKind;
import ai.curate.jobs.errors.UserError;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's master decision and the settings it adds; no Spark is started. */
class LauncherMastersTest {
  private static final Path HOME = Path.of("/opt/curate/jobs/target/spark-home");
  private static final Path APP_JAR = Path.of("/opt/curate/jobs/target/curate-jobs-app.jar");
  private static final LauncherMasters.Installation INSTALLATION = new LauncherMasters.Installation(APP_JAR, HOME);

  private static Map<String, String> settings(String master, Map<String, String> configured) {
    return LauncherMasters.settings(master, configured, INSTALLATION, HOME.toString(), "2.12");
  }

  @Test
  void localMastersNeedNothing() {
    assertThat(settings(null, Map.of())).isEmpty();
    assertThat(settings("local", Map.of())).isEmpty();
    assertThat(settings("local[*]", Map.of())).isEmpty();
    assertThat(settings(" local[2, 3] ", Map.of())).isEmpty();
  }

  @Test
  void localClusterShipsTheAppJarAndTellsTheWorkerTheScalaVersion() {
    assertThat(settings("local-cluster[2,1,1024]", Map.of())).containsExactly(
        Map.entry("spark.executorEnv.SPARK_SCALA_VERSION", "2.12"),
        Map.entry("spark.jars", APP_JAR.toString()));
  }

  @Test
  void standaloneShipsTheAppJarOnly() {
    assertThat(settings("spark://head:7077", Map.of())).containsExactly(Map.entry("spark.jars", APP_JAR.toString()));
  }

  @Test
  void configuredJarsAndScalaVersionAreKept() {
    Map<String, String> configured = Map.of("spark.jars", "/x/extra.jar",
        "spark.executorEnv.SPARK_SCALA_VERSION", "2.13");
    assertThat(settings("local-cluster[1,1,512]", configured))
        .containsExactly(Map.entry("spark.jars", "/x/extra.jar," + APP_JAR));
  }

  @Test
  void clusterManagerMastersAreRefusedInOneLineNamingSubmit() {
    for (String master : new String[] {"yarn", "k8s://https://api:6443", "mesos://m:5050", "spark-connect"}) {
      assertThatThrownBy(() -> settings(master, Map.of())).isInstanceOf(UserError.class)
          .hasMessageContaining("'" + master + "'").hasMessageContaining("curate submit")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
          .satisfies(e -> assertThat(((UserError) e).kind()).isEqualTo(ErrorKind.CONFIG));
    }
  }

  @Test
  void localClusterRefusesAnotherSparkHome() {
    assertThatThrownBy(() -> LauncherMasters.settings("local-cluster[2,1,1024]", Map.of(), INSTALLATION,
        "/opt/spark-3.4", "2.12")).isInstanceOf(UserError.class).hasMessageContaining(HOME.toString())
        .hasMessageContaining("/opt/spark-3.4");
    assertThatThrownBy(() -> LauncherMasters.settings("local-cluster[2,1,1024]", Map.of(), INSTALLATION, null, "2.12"))
        .isInstanceOf(UserError.class).hasMessageContaining("unset");
  }

  @Test
  void nothingIsAddedOrRefusedOutsideTheLauncher() {
    // Under spark-submit (or in tests) bin/curate's properties are absent: spark-submit already shipped the jar.
    assertThat(System.getProperty(LauncherMasters.APP_JAR_PROPERTY)).isNull();
    assertThat(LauncherMasters.forThisProcess("yarn", Map.of())).isEmpty();
  }

  @Test
  void scalaBinaryVersionIsTheClasspathsMajorMinor() {
    assertThat(LauncherMasters.scalaBinaryVersion()).matches("2\\.1[23]");
  }
}
