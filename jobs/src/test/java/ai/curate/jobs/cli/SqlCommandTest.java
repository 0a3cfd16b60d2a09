package ai.curate.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.jobs.errors.UserError;
import ai.curate.testing.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** curate sql: read-only unless --allow-writes, judged by Spark's parser; JSON output keeps nulls. */
class SqlCommandTest extends SparkTestBase {

  @Test
  void readsPassEvenWithWriteKeywordsInLiteralsAndComments() {
    List<String> reads = List.of(
        "SELECT 1",
        "SELECT 'DROP TABLE gold.episodes; DELETE FROM x' AS s -- UPDATE t SET a = 1",
        "/* VACUUM gold.episodes */ SELECT * FROM gold.episodes WHERE note = 'OPTIMIZE'",
        "WITH x AS (SELECT 1 AS a) SELECT a FROM x UNION ALL SELECT 2",
        "SELECT * FROM gold.episodes VERSION AS OF 3",
        "SELECT count(*) FROM a JOIN b ON a.id = b.id WHERE a.id IN (SELECT id FROM c)",
        "VALUES (1, 'DELETE')",
        "SELECT * FROM range(3)",
        "SELECT reflect AS r FROM (SELECT 1 AS reflect)",
        "SHOW TABLES IN bronze",
        "SHOW FUNCTIONS",
        "SHOW CREATE TABLE gold.episodes",
        "SHOW DATABASES",
        "SHOW COLUMNS IN gold.episodes",
        "SHOW TBLPROPERTIES gold.episodes",
        "DESCRIBE TABLE gold.episodes",
        "DESCRIBE HISTORY gold.episodes",
        "DESCRIBE DETAIL gold.episodes",
        "EXPLAIN SELECT * FROM gold.episodes");
    for (String sql : reads) {
      assertThatCode(() -> SqlCommand.refuseWrites(spark(), sql)).as(sql).doesNotThrowAnyException();
    }
  }

  @Test
  void writesAreRefusedWithOneLineNamingTheFlag() {
    List<String> writes = List.of(
        "DELETE FROM gold.episodes WHERE 1 = 1",
        "INSERT INTO IDENTIFIER('gold.episodes') SELECT * FROM gold.episodes",
        "INSERT OVERWRITE IDENTIFIER('gold.episodes') SELECT * FROM gold.episodes",
        "DROP TABLE gold.episodes",
        "UPDATE gold.episodes SET note = 'x'",
        "INSERT INTO gold.episodes VALUES (1)",
        "INSERT OVERWRITE DIRECTORY '/tmp/out' SELECT 1",
        "WITH x AS (SELECT 1 AS a) INSERT INTO gold.episodes SELECT a FROM x",
        "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE",
        "TRUNCATE TABLE gold.episodes",
        "ALTER TABLE gold.episodes ADD COLUMNS (b INT)",
        "CREATE TABLE t (a INT) USING delta",
        "CREATE OR REPLACE TABLE t USING delta AS SELECT 1 AS a",
        "REPLACE TABLE t USING delta AS SELECT 1 AS a",
        "OPTIMIZE gold.episodes",
        "VACUUM gold.episodes RETAIN 168 HOURS",
        "RESTORE TABLE gold.episodes TO VERSION AS OF 1",
        "CACHE TABLE gold.episodes",
        "EXPLAIN DELETE FROM gold.episodes",
        "SELECT reflect('java.lang.System', 'exit', 3)",
        "SELECT id FROM range(1) WHERE id IN (SELECT java_method('java.lang.System', 'getProperty', 'user.home'))",
        "SELECT * FROM range(1) ORDER BY TRY_REFLECT('java.lang.System', 'lineSeparator')",
        "  delete from gold.episodes -- SELECT");
    for (String sql : writes) {
      assertThatThrownBy(() -> SqlCommand.refuseWrites(spark(), sql)).as(sql)
          .isInstanceOf(UserError.class)
          .hasMessageContaining("--allow-writes")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void jsonWritesNullFieldsExplicitly() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    new SqlCommand.ResultPrinter(new PrintStream(buf, true, StandardCharsets.UTF_8)).print(
        spark().sql("SELECT 1 AS id, CAST(NULL AS STRING) AS note, named_struct('x', CAST(NULL AS INT)) AS s"),
        SqlCommand.Format.json, 200);

    assertThat(buf.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("{\"id\":1,\"note\":null,\"s\":{\"x\":null}}");
  }
}
