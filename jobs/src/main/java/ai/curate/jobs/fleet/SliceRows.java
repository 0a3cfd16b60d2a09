package ai.curate.jobs.fleet;

import ai.curate.jobs.ledger.IngestError;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.apache.spark.util.TaskCompletionListener;

/**
 * The rows of one stream kind as a Dataset: one partition (task) per slice, each read by a {@link SliceReader}.
 *
 * <p>Rows are Spark's binary rows straight from Arrow, handed to Spark with {@code internalCreateDataFrame}. That
 * method is {@code private[sql]} in Scala (public in bytecode): it is the one way to build a DataFrame from
 * {@code InternalRow}s without converting every value to a boxed Java object and back. If a Spark upgrade removes it,
 * a DataSource V2 reader with columnar partitions is the replacement.
 */
final class SliceRows {
  private SliceRows() {}

  /** @param memoryLimit the most Arrow memory one slice reader may allocate ({@link SliceReader#memoryLimit}) */
  static Dataset<Row> read(SparkSession spark, List<StreamSlice> slices, StreamKind kind, int captureDays,
      long memoryLimit, Broadcast<SerializableConfiguration> conf, CollectionAccumulator<IngestError> errors) {
    StructType schema = FleetSchemas.stream(kind);
    if (slices.isEmpty()) {
      return spark.createDataFrame(List.of(), schema);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<InternalRow> rows = jsc.parallelize(slices, slices.size())
        .mapPartitions(it -> new SlicesIterator(it, captureDays, memoryLimit, conf, errors));
    return spark.internalCreateDataFrame(rows.rdd(), schema, false);
  }

  /** Reads the partition's slices one after another (one per partition, unless Spark coalesces them). */
  private static final class SlicesIterator implements Iterator<InternalRow> {
    private final Iterator<StreamSlice> slices;
    private final int captureDays;
    private final long memoryLimit;
    private final Broadcast<SerializableConfiguration> conf;
    private final CollectionAccumulator<IngestError> errors;
    private SliceReader current;

    SlicesIterator(Iterator<StreamSlice> slices, int captureDays, long memoryLimit,
        Broadcast<SerializableConfiguration> conf, CollectionAccumulator<IngestError> errors) {
      this.slices = slices;
      this.captureDays = captureDays;
      this.memoryLimit = memoryLimit;
      this.conf = conf;
      this.errors = errors;
    }

    @Override
    public boolean hasNext() {
      while (current == null || !current.hasNext()) {
        if (!slices.hasNext()) {
          return false;
        }
        SliceReader reader = new SliceReader(slices.next(), captureDays, memoryLimit, conf.value().value(),
            errors::add);
        TaskContext task = TaskContext.get();
        if (task != null) {
          // A failed or killed task must still release the file and the Arrow memory.
          task.addTaskCompletionListener((TaskCompletionListener) ctx -> reader.close());
        }
        current = reader;
      }
      return true;
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }
}
