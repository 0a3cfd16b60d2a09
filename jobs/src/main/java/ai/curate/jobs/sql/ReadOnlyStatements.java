package ai.curate.jobs.sql;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.PlanWithUnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.QueryPlan;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeFunction;
import org.apache.spark.sql.catalyst.plans.logical.DescribeNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoDir;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowCreateTable;
import org.apache.spark.sql.catalyst.plans.logical.ShowFunctions;
import org.apache.spark.sql.catalyst.plans.logical.ShowNamespaces;
import org.apache.spark.sql.catalyst.plans.logical.ShowPartitions;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableExtended;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.ShowViews;
import org.apache.spark.sql.delta.commands.DescribeDeltaDetailCommand;
import org.apache.spark.sql.delta.commands.DescribeDeltaHistory;
import org.apache.spark.sql.execution.command.DescribeQueryCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.execution.command.ShowCatalogsCommand;
import org.apache.spark.sql.execution.command.ShowCurrentNamespaceCommand;
import scala.collection.JavaConverters;

/**
 * Tells a read from a write by the statement's parsed plan, not by its words: a keyword inside a
 * string literal or a comment is just text to the parser. A statement reads when it is a query
 * (a tree of Spark's own relational operators with no command or insert in it), a SHOW or
 * DESCRIBE of tables, views, functions or namespaces (Delta's DESCRIBE DETAIL and HISTORY too), or
 * an EXPLAIN of such a statement. Everything else (DML, DDL, OPTIMIZE, VACUUM, RESTORE, CACHE,
 * SET, USE, ...) is treated as a write: the list of reads is short and closed, the list of writes
 * grows with every Spark and Delta release.
 *
 * <p>A query that calls {@code reflect}, {@code java_method} or {@code try_reflect} is a write too: those run any
 * static Java method the driver can reach ({@code java.lang.System.exit} among them), which no read needs.
 */
public final class ReadOnlyStatements {
  private static final Set<Class<?>> READ_COMMANDS = Set.of(
      ShowTables.class, ShowTableExtended.class, ShowNamespaces.class, ShowViews.class, ShowColumns.class,
      ShowFunctions.class, ShowPartitions.class, ShowTableProperties.class, ShowCreateTable.class,
      ShowCatalogsCommand.class, ShowCurrentNamespaceCommand.class,
      DescribeRelation.class, DescribeColumn.class, DescribeNamespace.class, DescribeFunction.class,
      DescribeQueryCommand.class, DescribeDeltaDetailCommand.class, DescribeDeltaHistory.class);

  /** Query operators come from these packages; a node from elsewhere (an extension's statement) is not trusted. */
  private static final String[] QUERY_PACKAGES = {
      "org.apache.spark.sql.catalyst.plans.logical.", "org.apache.spark.sql.catalyst.analysis."};

  /** Spark's functions that call Java methods by name. */
  private static final Set<String> REFLECTION = Set.of("reflect", "java_method", "try_reflect");

  private ReadOnlyStatements() {}

  /** Empty when the statement only reads; else the name of the operation that makes it a write, for messages. */
  public static Optional<String> writeIn(LogicalPlan plan) {
    if (plan instanceof ExplainCommand explain) {
      return writeIn(explain.logicalPlan()).map(w -> "EXPLAIN of " + w);
    }
    if (READ_COMMANDS.contains(plan.getClass())) {
      return Optional.empty();
    }
    Deque<QueryPlan<?>> todo = new ArrayDeque<>();
    todo.push(plan);
    while (!todo.isEmpty()) {
      QueryPlan<?> node = todo.pop();
      if (!isQueryOperator(node)) {
        return Optional.of(describe(node));
      }
      Optional<String> reflection = reflectionIn(node, todo);
      if (reflection.isPresent()) {
        return reflection;
      }
      JavaConverters.seqAsJavaList(node.children()).forEach(c -> todo.push((QueryPlan<?>) c));
      // CTE definitions (WITH x AS (...)) hang here, not among the children.
      JavaConverters.seqAsJavaList(node.innerChildren()).forEach(todo::push);
    }
    return Optional.empty();
  }

  /** A call of a reflection function among the node's expressions; their subqueries' plans go on {@code plans}. */
  private static Optional<String> reflectionIn(QueryPlan<?> node, Deque<QueryPlan<?>> plans) {
    Deque<Expression> todo = new ArrayDeque<>(JavaConverters.seqAsJavaList(node.expressions()));
    while (!todo.isEmpty()) {
      Expression e = todo.pop();
      if (e instanceof UnresolvedFunction f) {
        String name = f.nameParts().last().toLowerCase(Locale.ROOT);
        if (REFLECTION.contains(name)) {
          return Optional.of("a call of " + name + " (it runs Java methods, not a query)");
        }
      }
      if (e instanceof SubqueryExpression sub) {
        plans.push(sub.plan());
      }
      JavaConverters.seqAsJavaList(e.children()).forEach(todo::push);
    }
    return Optional.empty();
  }

  private static boolean isQueryOperator(QueryPlan<?> node) {
    if (node instanceof Command || node instanceof ParsedStatement || node instanceof InsertIntoDir
        || node instanceof PlanWithUnresolvedIdentifier) {
      return false;
    }
    String name = node.getClass().getName();
    for (String p : QUERY_PACKAGES) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(QueryPlan<?> node) {
    if (node instanceof PlanWithUnresolvedIdentifier) {
      // Its statement (a query, or an INSERT into the named table) is only built after analysis.
      return "an IDENTIFIER(...) clause (what it does is only known after the check: name the table directly)";
    }
    return "a " + node.nodeName() + " (a write or a command, not a query)";
  }
}
