package ai.curate.tests.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.testing.SparkTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL that DAG tasks hand to `curate sql` (OPTIMIZE, VACUUM) parses with Spark + Delta's parser. */
class MaintenanceSqlTest extends SparkTestBase {
  @Test
  void everySqlTaskStatementParses() throws Exception {
    List<String> statements = new ArrayList<>();
    for (JsonNode task : DagFilesTest.inspect().findValues("tasks").stream().flatMap(t -> {
      List<JsonNode> l = new ArrayList<>();
      t.forEach(l::add);
      return l.stream();
    }).toList()) {
      JsonNode args = task.get("application_args");
      if (args.get(0).asText().equals("sql")) {
        statements.add(args.get(args.size() - 1).asText());
      }
    }
    assertThat(statements).isNotEmpty();
    for (String sql : statements) {
      assertThat(spark().sessionState().sqlParser().parsePlan(sql)).as(sql).isNotNull();
    }
  }
}
