package ai.curate.jobs.view;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;

import ai.curate.jobs.errors.CurateErrors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The joints a page plots: those asked for ({@code --joints}), else the joints a failed rule's message names (a
 * frozen or out-of-limit joint) followed by the joints that moved most, up to {@link #DEFAULT_COUNT}. A subset keeps
 * the page small; the page's boxes show or hide each of them.
 */
public final class JointChoice {
  public static final int DEFAULT_COUNT = 6;

  private JointChoice() {}

  public static List<Integer> choose(Dataset<Row> steps, List<String> names, List<String> asked,
      List<RuleVerdict> verdicts) {
    if (!asked.isEmpty()) {
      List<Integer> out = new ArrayList<>();
      for (String a : asked) {
        int i = names.indexOf(a.strip());
        if (i < 0) {
          throw CurateErrors.optionInvalid("--joints", "unknown joint '" + a.strip() + "' (joints: "
              + String.join(", ", names) + ")");
        }
        out.add(i);
      }
      return out;
    }
    Set<Integer> chosen = new LinkedHashSet<>(named(names, verdicts));
    List<Row> ranges = steps.where(col("joint_position").isNotNull())
        .select(posexplode(col("joint_position")).as(new String[] {"p", "v"}))
        .groupBy("p").agg(max(col("v").cast("double")).minus(min(col("v").cast("double"))).as("r"))
        .orderBy(col("r").desc(), col("p")).collectAsList();
    for (Row r : ranges) {
      if (chosen.size() >= DEFAULT_COUNT) {
        break;
      }
      if (!r.isNullAt(1) && r.getDouble(1) > 0 && r.getInt(0) < names.size()) {
        chosen.add(r.getInt(0));
      }
    }
    return List.copyOf(chosen);
  }

  /** Joints whose name a failed rule's message mentions, in the order of the joint list. */
  static List<Integer> named(List<String> names, List<RuleVerdict> verdicts) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Pattern word = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(names.get(i)) + "(?![A-Za-z0-9_])");
      for (RuleVerdict v : verdicts) {
        if (!v.passed() && v.message() != null && word.matcher(v.message()).find()) {
          out.add(i);
          break;
        }
      }
    }
    return out.size() > DEFAULT_COUNT ? out.subList(0, DEFAULT_COUNT) : out;
  }
}
