package ai.curate.jobs.publish;

import static org.apache.spark.sql.functions.col;

import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.tables.TableId;
import ai.curate.transforms.gold.GoldColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Publish's writes to gold: each table gets one commit that replaces exactly the date's partitions of the sources
 * published (so a fleet-only run leaves the human partitions as they are), with the run id as commit metadata, and is
 * read back at the version committed.
 */
final class GoldWrites {
  private final StageContext ctx;
  private final PublishStage.CommitListener listener;
  /** The published sources' partitions, within the date's slice. */
  private final String sources;

  GoldWrites(StageContext ctx, List<String> sources, PublishStage.CommitListener listener) {
    this.ctx = ctx;
    this.listener = listener;
    this.sources = GoldColumns.SOURCE + " IN ("
        + sources.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ")) + ")";
  }

  /** Creates the table if needed (gold properties), replaces the slice and returns the version committed. */
  long write(GoldTables.Spec spec, Dataset<Row> rows) {
    ctx.writer().ensureTable(spec.table(), spec.schema(), GoldTables.PROPERTIES);
    long version = ctx.replaceSlice(spec.table(), rows, sources);
    listener.committed(spec.table(), version);
    return version;
  }

  /** The slice this run wrote, as of {@code version}. */
  Dataset<Row> readBack(TableId table, long version) {
    return ctx.spark().read().format("delta").option("versionAsOf", version).load(ctx.writer().location(table))
        .where(table.dateSlice(ctx.date()) + " AND " + sources);
  }

  /**
   * gold.timesteps files: range-partitioned by (source, date, episode) into {@code files} files, each sorted by
   * episode and step, so a file holds whole episodes and its episode_id min/max statistics are disjoint from its
   * neighbours' (clustered by episode, what Z-ordering on one column gives).
   */
  static Dataset<Row> laidOut(Dataset<Row> timesteps, int files) {
    return timesteps
        .repartitionByRange(files, col(GoldColumns.SOURCE), col(GoldColumns.CAPTURE_DATE), col(GoldColumns.EPISODE_ID))
        // Episodes sharing an id (other sessions or robots; clips of other datasets) are kept apart, not interleaved.
        .sortWithinPartitions(GoldColumns.SOURCE, GoldColumns.CAPTURE_DATE, GoldColumns.EPISODE_ID,
            GoldColumns.ROBOT_ID, GoldColumns.SESSION_ID, GoldColumns.DATASET, GoldColumns.STEP_INDEX);
  }

  /** Bytes of the live files of a date-filtered Delta read that lie in that date's partition folder. */
  static long sliceBytes(SparkSession spark, Dataset<Row> slice, LocalDate date) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String marker = "/" + TableId.DATE_COLUMN + "=" + date + "/";
    long bytes = 0;
    try {
      for (String f : slice.inputFiles()) {
        if (f.contains(marker)) {
          org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(f);
          FileSystem fs = p.getFileSystem(hadoop);
          bytes += fs.getFileStatus(p).getLen();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes;
  }

  /** Files for {@code bytes} of input at the target size: at least one. */
  static int fileCount(long bytes, double targetFileSizeMb) {
    double target = targetFileSizeMb * 1024 * 1024;
    return (int) Math.max(1, Math.min(100_000, Math.ceil(bytes / target)));
  }
}
