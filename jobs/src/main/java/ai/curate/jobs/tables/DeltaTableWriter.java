package ai.curate.jobs.tables;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import scala.Option;

/**
 * Writes Delta tables idempotently and registers them in the catalog. Every write replaces exactly one slice
 * (for example one capture date) in one atomic Delta commit, so rerunning a date gives the same table and a failed
 * run leaves the previous version readable. The run id travels in the commit's user metadata.
 *
 * @param repoint whether a name registered at another location may be dropped and registered at this warehouse's
 *     ({@code curate run --force}); otherwise that is a user error, as in a shared catalog it would move the name for
 *     every reader
 */
public record DeltaTableWriter(SparkSession spark, String warehouse, boolean repoint) {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeltaTableWriter.class);

  /** A writer that repoints a table name registered elsewhere only in a catalog private to this process. */
  public DeltaTableWriter(SparkSession spark, String warehouse) {
    this(spark, warehouse, privateCatalog(spark));
  }

  /**
   * Whether the session's catalog lives in this process's memory only ({@code catalog.kind=session}, the tests):
   * nobody else resolves its names, so repointing one cannot surprise anyone. Hive catalogs (embedded Derby, kept
   * under the warehouse for later processes, or an external metastore) are shared.
   */
  public static boolean privateCatalog(SparkSession spark) {
    return "in-memory".equals(spark.sparkContext().conf().get("spark.sql.catalogImplementation", "in-memory"));
  }

  public String location(TableId table) {
    return table.location(warehouse);
  }

  /**
   * Replaces the rows matching {@code slicePredicate} (a SQL predicate over partition columns, e.g.
   * {@code capture_date = '2026-01-15'}) with {@code rows}, creating the table on first write, partitioned by the
   * table's {@link TableId#partitionColumns()}. Columns {@code rows} has and the table lacks are added to the table.
   *
   * @return the table version holding this write: its commit's, or when Delta recorded no commit (an empty write
   *     that replaced nothing) the version current after it
   */
  public long replaceSlice(TableId table, Dataset<Row> rows, String slicePredicate, String runId) {
    checkRegistration(table);
    boolean exists = io.delta.tables.DeltaTable.isDeltaTable(spark, location(table));
    if (exists) {
      checkPartitioning(table);
    }
    long before = exists ? latestVersion(table) : -1;
    try {
      write(table, rows, slicePredicate, runId);
    } catch (io.delta.exceptions.ProtocolChangedException | io.delta.exceptions.MetadataChangedException e) {
      // Two processes writing a table that had no commit yet (a new warehouse, two dates run at once): whoever
      // commits first creates it, the other's commit fails as a protocol or metadata change (so does a concurrent
      // schema change). The table exists now, so write again, as into any existing table: the slice is ours alone,
      // so that commit does not conflict.
      if (!hasCommitInStorage(table)) {
        throw e;
      }
      LOG.warn("{}: another process committed to the table while this write ran ({}); writing the slice again",
          table.qualified(), e.getClass().getSimpleName());
      write(table, rows, slicePredicate, runId);
    }
    register(table);
    long committed = committedVersion(table, runId);
    return committed > before ? committed : latestVersion(table);
  }

  private void write(TableId table, Dataset<Row> rows, String slicePredicate, String runId) {
    rows.write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .option("replaceWhere", slicePredicate)
        // Tables gain columns between versions (never lose or retype them, docs/tables.md): a new column is added
        // to the table, null in the slices written before it, instead of failing the first run after an upgrade.
        .option("mergeSchema", "true")
        .option("userMetadata", runId)
        .partitionBy(table.partitionColumns().toArray(new String[0]))
        .save(location(table));
  }

  private long latestVersion(TableId table) {
    return io.delta.tables.DeltaTable.forPath(spark, location(table)).history(1).select("version").first().getLong(0);
  }

  /**
   * The newest version of {@code table} whose commit carries {@code runId} in its user metadata (-1 if none): the
   * version a write of this run made, even when other runs (other dates) committed to the table since.
   */
  public long committedVersion(TableId table, String runId) {
    io.delta.tables.DeltaTable delta = io.delta.tables.DeltaTable.forPath(spark, location(table));
    for (int depth : new int[] {32, Integer.MAX_VALUE}) {
      Dataset<Row> history = depth == Integer.MAX_VALUE ? delta.history() : delta.history(depth);
      Row found = history.where(org.apache.spark.sql.functions.col("userMetadata").equalTo(runId))
          .agg(org.apache.spark.sql.functions.max("version")).first();
      if (!found.isNullAt(0)) {
        return found.getLong(0);
      }
    }
    return -1;
  }

  /**
   * Creates {@code table} (empty, with {@code schema}, its partition columns and table {@code properties}) when it does
   * not exist, or sets the properties an existing table lacks, and registers it. Safe when several runs of this JVM
   * or other processes create the same table at once: whoever loses the race finds the table and goes on.
   */
  public void ensureTable(TableId table, org.apache.spark.sql.types.StructType schema,
      java.util.Map<String, String> properties) {
    synchronized (DeltaTableWriter.class) {
      checkRegistration(table);
      String location = location(table);
      if (io.delta.tables.DeltaTable.isDeltaTable(spark, location)) {
        checkPartitioning(table);
      } else {
        try {
          io.delta.tables.DeltaTableBuilder builder = io.delta.tables.DeltaTable.createIfNotExists(spark)
              .location(location).addColumns(schema).partitionedBy(table.partitionColumns().toArray(new String[0]));
          for (java.util.Map.Entry<String, String> p : properties.entrySet()) {
            builder = builder.property(p.getKey(), p.getValue());
          }
          builder.execute();
        } catch (RuntimeException e) {
          if (!hasCommitInStorage(table)) {
            throw e;
          }
          // Another process created it first.
        }
      }
      Row detail = io.delta.tables.DeltaTable.forPath(spark, location).detail().first();
      java.util.Map<String, String> current = detail.getJavaMap(detail.fieldIndex("properties"));
      java.util.List<String> missing = new java.util.ArrayList<>();
      properties.forEach((k, v) -> {
        if (!v.equals(current.get(k))) {
          missing.add("'" + k + "' = '" + v + "'");
        }
      });
      if (!missing.isEmpty()) {
        spark.sql("ALTER TABLE delta.`" + location + "` SET TBLPROPERTIES (" + String.join(", ", missing) + ")");
      }
      register(table);
    }
  }

  /**
   * Makes {@code layer.name} resolve to the table's location. A name already registered at another location (another
   * warehouse's run against the same catalog, or a table that is not ours) is repointed only when this writer may
   * ({@link #DeltaTableWriter(SparkSession, String, boolean)}); otherwise a user error names both locations.
   */
  public void register(TableId table) {
    synchronized (DeltaTableWriter.class) {
      try {
        registerUnsynchronized(table);
      } catch (ai.curate.jobs.errors.UserError e) {
        throw e;
      } catch (RuntimeException e) {
        // A shared catalog (catalog.kind=jdbc or external): another process may have created the database or the
        // name between our check and our create, and the metastore refuses the second create. Look again once.
        if (!registeredHere(table)) {
          try {
            registerUnsynchronized(table);
          } catch (RuntimeException again) {
            again.addSuppressed(e);
            throw again;
          }
        }
      }
    }
  }

  private boolean registeredHere(TableId table) {
    var catalog = spark.sessionState().catalog();
    TableIdentifier id = new TableIdentifier(table.name(), Option.apply(table.layer()));
    return catalog.tableExists(id) && sameLocation(existingLocation(catalog, id), location(table));
  }

  /**
   * Fails, before anything is written, when {@code layer.name} is registered at another location and this writer may
   * not repoint it.
   */
  private void checkRegistration(TableId table) {
    synchronized (DeltaTableWriter.class) {
      registeredElsewhere(table);
    }
  }

  /** The catalog's location for the name when it names another location and may be repointed; else empty. */
  private java.util.Optional<String> registeredElsewhere(TableId table) {
    TableIdentifier id = new TableIdentifier(table.name(), Option.apply(table.layer()));
    var catalog = spark.sessionState().catalog();
    if (!catalog.tableExists(id)) {
      return java.util.Optional.empty();
    }
    String existing = existingLocation(catalog, id);
    if (sameLocation(existing, location(table))) {
      return java.util.Optional.empty();
    }
    if (!repoint) {
      throw ai.curate.jobs.errors.CurateErrors.tableRegisteredElsewhere(table.qualified(),
          existing.isEmpty() ? "no location (a managed table)" : existing, location(table));
    }
    return java.util.Optional.of(existing);
  }

  /**
   * Rewrites {@code table} with its declared partitioning ({@link TableId#partitionColumns()}) when its files are
   * partitioned otherwise, in one commit that keeps every row and the table's history; returns whether this call did.
   * Reads and rewrites the whole table: for small tables only (the ingest ledger). Safe when two runs meet an old
   * table at once: one commit wins, and the other, refused by Delta's conflict check, finds the table migrated.
   */
  public boolean migratePartitioning(TableId table, String runId) {
    synchronized (DeltaTableWriter.class) {
      String location = location(table);
      if (!io.delta.tables.DeltaTable.isDeltaTable(spark, location) || partitionColumns(table)
          .equals(table.partitionColumns())) {
        return false;
      }
      try {
        spark.read().format("delta").load(location).write().format("delta")
            .mode(SaveMode.Overwrite)
            .option("overwriteSchema", "true")
            .option("userMetadata", runId)
            .partitionBy(table.partitionColumns().toArray(new String[0]))
            .save(location);
        return true;
      } catch (java.util.ConcurrentModificationException e) {
        if (partitionColumns(table).equals(table.partitionColumns())) {
          return false; // another process migrated it first
        }
        throw e;
      }
    }
  }

  /**
   * Whether the table's log holds a commit ({@code _delta_log/<version>.json}, Delta's protocol), looked up in
   * storage: {@code DeltaTable.isDeltaTable} answers from this process's cached snapshot, which does not see a table
   * another process has just created.
   */
  private boolean hasCommitInStorage(TableId table) {
    org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(location(table), "_delta_log");
    try {
      org.apache.hadoop.fs.FileSystem fs = log.getFileSystem(spark.sessionState().newHadoopConf());
      org.apache.hadoop.fs.FileStatus[] commits = fs.globStatus(new org.apache.hadoop.fs.Path(log, "*.json"));
      return commits != null && commits.length > 0;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + log + ": " + e.getMessage(), e);
    }
  }

  private java.util.List<String> partitionColumns(TableId table) {
    return io.delta.tables.DeltaTable.forPath(spark, location(table)).detail().select("partitionColumns").first()
        .getList(0);
  }

  /**
   * Fails when the table's files are partitioned otherwise than {@link TableId#partitionColumns()} says (a table an
   * older version created): Delta would refuse the write with a message that does not say what to do.
   */
  private void checkPartitioning(TableId table) {
    java.util.List<String> actual = partitionColumns(table);
    if (!actual.equals(table.partitionColumns())) {
      throw ai.curate.jobs.errors.CurateErrors.tablePartitioningChanged(table.qualified(), location(table), actual,
          table.partitionColumns());
    }
  }

  private void registerUnsynchronized(TableId table) {
    String location = location(table);
    spark.sql("CREATE DATABASE IF NOT EXISTS " + table.layer());
    TableIdentifier id = new TableIdentifier(table.name(), Option.apply(table.layer()));
    if (spark.sessionState().catalog().tableExists(id)) {
      if (registeredElsewhere(table).isEmpty()) {
        return;
      }
      spark.sql("DROP TABLE IF EXISTS " + table.qualified());
    }
    spark.sql("CREATE TABLE IF NOT EXISTS " + table.qualified() + " USING DELTA LOCATION '"
        + location.replace("'", "\\'") + "'");
  }

  private static String existingLocation(org.apache.spark.sql.catalyst.catalog.SessionCatalog catalog,
      TableIdentifier id) {
    try {
      CatalogTable existing = catalog.getTableMetadata(id);
      return existing.location() == null ? "" : existing.location().toString();
    } catch (org.apache.spark.sql.catalyst.analysis.NoSuchDatabaseException
        | org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      return "";
    }
  }

  /**
   * Whether a catalog location and a table location name the same folder: {@code /w/t}, {@code file:/w/t} and
   * {@code file:///w/t/} do (the catalog stores qualified URIs; the warehouse setting may be a plain path).
   */
  static boolean sameLocation(String catalogUri, String location) {
    return normalized(catalogUri).equals(normalized(location));
  }

  private static String normalized(String location) {
    if (location == null || location.isBlank()) {
      return "";
    }
    java.net.URI uri = new org.apache.hadoop.fs.Path(location).toUri();
    String scheme = uri.getScheme() == null ? "file" : uri.getScheme();
    String authority = uri.getAuthority() == null ? "" : uri.getAuthority();
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
    return scheme + "://" + authority + path;
  }
}
