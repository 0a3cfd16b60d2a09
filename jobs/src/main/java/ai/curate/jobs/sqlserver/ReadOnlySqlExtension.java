package ai.curate.jobs.sqlserver;

import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.sql.ReadOnlyStatements;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.command.SetCommand;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * A Spark session extension ({@code spark.sql.extensions}) that refuses, at parse time, every statement
 * {@link ReadOnlyStatements} calls a write: the read-only mode of {@code curate sql-server}. Statements that only
 * change the client's own session (USE, SET, RESET: JDBC drivers send them on connect) are let through.
 */
public final class ReadOnlySqlExtension extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
  /** Session-local statements, by their parsed plan's class name (SET only as {@link #settable} allows). */
  private static final Set<String> SESSION_STATEMENTS = Set.of(
      "org.apache.spark.sql.catalyst.plans.logical.SetCatalogAndNamespace",
      "org.apache.spark.sql.execution.command.ResetCommand");

  /**
   * The settings a client may change with SET: presentation only. Others could undo the server's guards (reading
   * files by path, adding catalogs), so they are refused.
   */
  static final Set<String> SETTABLE = Set.of("spark.sql.session.timeZone", "spark.sql.ansi.enabled",
      "spark.sql.legacy.timeParserPolicy", "spark.sql.shuffle.partitions");

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectParser(new AbstractFunction2<SparkSession, ParserInterface, ParserInterface>() {
      @Override
      public ParserInterface apply(SparkSession session, ParserInterface delegate) {
        return new ReadOnlyParser(delegate);
      }
    });
    return BoxedUnit.UNIT;
  }

  /** The session's parser, with every parsed statement checked. */
  static final class ReadOnlyParser implements ParserInterface {
    private final ParserInterface delegate;

    ReadOnlyParser(ParserInterface delegate) {
      this.delegate = delegate;
    }

    @Override
    public LogicalPlan parsePlan(String sql) throws ParseException {
      LogicalPlan plan = delegate.parsePlan(sql);
      check(plan);
      return plan;
    }

    @Override
    public LogicalPlan parseQuery(String sql) throws ParseException {
      LogicalPlan plan = delegate.parseQuery(sql);
      check(plan);
      return plan;
    }

    private static void check(LogicalPlan plan) {
      if (plan instanceof SetCommand set) {
        if (set.kv().isDefined() && !SETTABLE.contains(set.kv().get()._1())) {
          throw CurateErrors.sqlServerSettingRefused(set.kv().get()._1(), SETTABLE);
        }
        return;
      }
      if (!SESSION_STATEMENTS.contains(plan.getClass().getName())) {
        ReadOnlyStatements.writeIn(plan).ifPresent(w -> {
          throw CurateErrors.sqlServerWriteRefused(w);
        });
      }
    }

    @Override
    public Expression parseExpression(String sql) throws ParseException {
      return delegate.parseExpression(sql);
    }

    @Override
    public TableIdentifier parseTableIdentifier(String sql) throws ParseException {
      return delegate.parseTableIdentifier(sql);
    }

    @Override
    public FunctionIdentifier parseFunctionIdentifier(String sql) throws ParseException {
      return delegate.parseFunctionIdentifier(sql);
    }

    @Override
    public Seq<String> parseMultipartIdentifier(String sql) throws ParseException {
      return delegate.parseMultipartIdentifier(sql);
    }

    @Override
    public StructType parseTableSchema(String sql) throws ParseException {
      return delegate.parseTableSchema(sql);
    }

    @Override
    public DataType parseDataType(String sql) throws ParseException {
      return delegate.parseDataType(sql);
    }
  }
}
