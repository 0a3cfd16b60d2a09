package ai.curate.transforms.gold;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * The features gold.feature_stats describes and how their elements are named: joint arrays by the robot model's
 * joint names (canonical order), wrenches by component, tactile arrays by taxel index.
 */
public record FeatureLayout(List<String> jointNames) implements Serializable {
  public static final List<String> JOINT_FEATURES = List.of(GoldColumns.JOINT_POSITION, GoldColumns.JOINT_VELOCITY,
      GoldColumns.JOINT_EFFORT, GoldColumns.ACTION);
  public static final List<String> WRENCH_FEATURES = List.of(GoldColumns.WRENCH_LEFT, GoldColumns.WRENCH_RIGHT);
  public static final List<String> TACTILE_FEATURES = List.of(GoldColumns.TACTILE_LEFT, GoldColumns.TACTILE_RIGHT);
  public static final List<String> WRENCH_COMPONENTS = List.of("force_x", "force_y", "force_z", "torque_x",
      "torque_y", "torque_z");
  public static final String TAXEL_PREFIX = "taxel_";

  public FeatureLayout {
    jointNames = List.copyOf(jointNames);
    if (jointNames.isEmpty()) {
      throw new IllegalArgumentException("a feature layout needs the robot's joint names (none given)");
    }
  }

  /** Every feature, in the order gold.feature_stats lists them. */
  public List<String> features() {
    return java.util.stream.Stream.of(JOINT_FEATURES, WRENCH_FEATURES, TACTILE_FEATURES)
        .flatMap(List::stream).toList();
  }

  /** The element's name, or null when the index is beyond what the feature has (a data / model mismatch). */
  public String elementName(String feature, int index) {
    if (JOINT_FEATURES.contains(feature)) {
      return index < jointNames.size() ? jointNames.get(index) : null;
    }
    if (WRENCH_FEATURES.contains(feature)) {
      return index < WRENCH_COMPONENTS.size() ? WRENCH_COMPONENTS.get(index) : null;
    }
    return TAXEL_PREFIX + index;
  }

  /** {@link #elementName} as a Spark column over {@code feature} and a 0-based {@code index} column. */
  public Column elementNameColumn(Column feature, Column index) {
    Column joints = named(jointNames, index);
    Column wrench = named(WRENCH_COMPONENTS, index);
    return when(feature.isin(JOINT_FEATURES.toArray()), joints)
        .when(feature.isin(WRENCH_FEATURES.toArray()), wrench)
        .otherwise(concat(lit(TAXEL_PREFIX), index.cast("string")));
  }

  private static Column named(List<String> names, Column index) {
    Column array = functions.array(names.stream().map(functions::lit).toArray(Column[]::new));
    // Guarded so ANSI mode never turns an out-of-range index into an error: the stage reports it instead.
    return when(index.geq(0).and(index.lt(names.size())), array.apply(index));
  }
}
