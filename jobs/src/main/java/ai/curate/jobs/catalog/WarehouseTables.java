package ai.curate.jobs.catalog;

import ai.curate.jobs.tables.Tables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The Delta tables a warehouse holds: every {@code <warehouse>/<layer>/<table>} with a {@code _delta_log}, for the
 * layers of the lake (bronze, silver, gold). Found on disk, not from a catalog, so that a warehouse written under one
 * catalog can be registered in another. Any Hadoop file system (a path or a URI such as s3a://...).
 */
public final class WarehouseTables {
  /** The layers whose folders hold tables. */
  public static final List<String> LAYERS = List.of(Tables.BRONZE, Tables.SILVER, Tables.GOLD);

  private WarehouseTables() {}

  /** A table found on disk: {@code layer.name} at {@code location}. */
  public record Found(String layer, String name, String location) {
    public String qualified() {
      return layer + "." + name;
    }
  }

  public static List<Found> find(String warehouse, Configuration hadoop) {
    List<Found> found = new ArrayList<>();
    Path root = new Path(warehouse);
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      for (String layer : LAYERS) {
        Path layerDir = new Path(root, layer);
        if (!fs.exists(layerDir)) {
          continue;
        }
        FileStatus[] tables = fs.listStatus(layerDir);
        Arrays.sort(tables, Comparator.comparing(s -> s.getPath().getName()));
        for (FileStatus table : tables) {
          if (table.isDirectory() && fs.exists(new Path(table.getPath(), "_delta_log"))) {
            found.add(new Found(layer, table.getPath().getName(), table.getPath().toString()));
          }
        }
      }
    } catch (IOException e) {
      throw ai.curate.jobs.errors.CurateErrors.warehouseUnlistable(warehouse, e);
    }
    return found;
  }
}
