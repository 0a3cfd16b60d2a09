package ai.curate.jobs.cli;

import ai.curate.jobs.catalog.JdbcCatalog;
import ai.curate.jobs.catalog.MetastoreSchema;
import ai.curate.jobs.catalog.WarehouseTables;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.errors.UserError;
import ai.curate.jobs.spark.SparkSessions;
import ai.curate.jobs.tables.DeltaTableWriter;
import ai.curate.jobs.tables.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code curate catalog}: set up the shared catalog database and (re)register a warehouse's tables in a catalog. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = "Manage the catalog that maps table names (gold.episodes, ...) to the warehouse's Delta tables.",
    subcommands = {CatalogCommand.Init.class, CatalogCommand.Register.class})
public final class CatalogCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: init or register");
  }

  @Command(name = "init", mixinStandardHelpOptions = true,
      description = "Create the Hive metastore schema in the catalog database of catalog.kind=jdbc (tables DBS, TBLS,"
          + " VERSION, ...), or add the tables a schema of this version lacks. Safe to rerun; refuses a schema of"
          + " another version without touching it.")
  static final class Init implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() {
      CurateConfig config = configOptions.load();
      if (!CurateConfig.CatalogConfig.JDBC.equals(config.catalog().kind())) {
        throw CurateErrors.catalogInitNeedsJdbc(config.catalog().kind());
      }
      JdbcCatalog catalog = JdbcCatalog.from(config.catalog());
      MetastoreSchema.InitResult result = MetastoreSchema.init(catalog);
      if (result.created()) {
        System.out.println("catalog init: created the metastore schema " + MetastoreSchema.VERSION + " in "
            + catalog.url() + " (" + result.tablesAfter() + " tables)");
      } else {
        int added = result.tablesAfter() - result.tablesBefore();
        System.out.println("catalog init: " + catalog.url() + " already holds the metastore schema "
            + MetastoreSchema.VERSION + (added > 0 ? "; added " + added + " missing tables" : "; nothing to do"));
      }
      return 0;
    }
  }

  @Command(name = "register", mixinStandardHelpOptions = true,
      description = "Register every Delta table found under paths.warehouse (<layer>/<table>/_delta_log) in the"
          + " configured catalog, so that a warehouse written under one catalog is served by another. Names already"
          + " at these locations are left alone; a name at another location is repointed only with --force.")
  static final class Register implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--force", description = "Repoint names the catalog has at another location to this warehouse.")
    boolean force;

    @Override
    public Integer call() {
      CurateConfig config = configOptions.load();
      try (SparkSession spark = SparkSessions.create(config)) {
        String warehouse = config.paths().warehouse();
        List<WarehouseTables.Found> tables = WarehouseTables.find(warehouse,
            spark.sparkContext().hadoopConfiguration());
        if (tables.isEmpty()) {
          throw CurateErrors.noTablesInWarehouse(warehouse);
        }
        DeltaTableWriter writer = new DeltaTableWriter(spark, warehouse, force);
        List<String> refused = new ArrayList<>();
        for (WarehouseTables.Found table : tables) {
          try {
            writer.register(new TableId(table.layer(), table.name()));
            System.out.println("registered " + table.qualified() + " -> " + table.location());
          } catch (UserError e) {
            refused.add(table.qualified());
            System.err.println("not registered: " + e.getMessage());
          }
        }
        System.out.println("catalog register: " + (tables.size() - refused.size()) + " of " + tables.size()
            + " tables registered");
        if (!refused.isEmpty()) {
          throw CurateErrors.tablesRegisteredElsewhere(refused);
        }
      }
      return 0;
    }
  }
}
