package ai.curate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.Test;

class SparkTestBaseTest extends SparkTestBase {

  @Test
  void sessionHasTheSharedTestSettings() {
    assertThat(spark().conf().get("spark.sql.shuffle.partitions")).isEqualTo("2");
    assertThat(spark().conf().get("spark.sql.session.timeZone")).isEqualTo("UTC");
    assertThat(spark().conf().get("spark.sql.catalogImplementation")).isEqualTo("in-memory");
    assertThat(spark().sparkContext().master()).isEqualTo("local[2]");
    assertThat(spark().sparkContext().ui().isDefined()).isFalse();
    assertThat(spark()).isSameAs(session());
  }

  @Test
  void deltaTableRoundTripsThroughTheTempDir() {
    String path = temp.resolve("numbers").toString();
    spark().range(0, 5).selectExpr("id", "id * id AS square")
        .write().format("delta").mode(SaveMode.ErrorIfExists).save(path);
    sql("INSERT INTO delta.`%s` VALUES (10, 100)", path);

    assertRows("delta table read back",
        rows(row(0L, 0L), row(1L, 1L), row(2L, 4L), row(3L, 9L), row(4L, 16L), row(10L, 100L)),
        sql("SELECT id, square FROM delta.`%s` ORDER BY id", path));
    assertThat(sql("DESCRIBE HISTORY delta.`%s`", path)).hasSize(2);
  }

  @Test
  void managedDeltaTableLivesInTheWarehouse() {
    sql("CREATE DATABASE IF NOT EXISTS testbase_db");
    sql("DROP TABLE IF EXISTS testbase_db.events");
    sql("CREATE TABLE testbase_db.events (id BIGINT, tags ARRAY<STRING>) USING delta");
    sql("INSERT INTO testbase_db.events VALUES (1, array('a', 'b'))");

    assertRows("nested values come back as Java lists",
        rows(row(1L, List.of("a", "b"))), sql("SELECT * FROM testbase_db.events"));
    List<Object[]> detail = sql("DESCRIBE DETAIL testbase_db.events");
    assertThat((String) detail.get(0)[0]).isEqualTo("delta");
    assertThat(detail.get(0)[4].toString()).contains(warehouse());
    sql("DROP TABLE testbase_db.events");
  }

  @Test
  void datasetEqualityAssertionsFromSparkTestingBaseWork() {
    Dataset<Row> expected = spark().range(3).toDF("id");
    Dataset<Row> actual = spark().sql("SELECT explode(sequence(0L, 2L)) AS id");
    assertDataFrameNoOrderEquals(expected, actual);
  }
}
