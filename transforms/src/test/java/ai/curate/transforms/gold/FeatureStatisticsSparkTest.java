package ai.curate.transforms.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.curate.testing.SparkTestBase;
import ai.curate.transforms.gold.QualityFixtures.Verdict;
import ai.curate.transforms.gold.SilverFixtures.HumanClip;
import ai.curate.transforms.gold.SilverFixtures.RobotEpisode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * gold.feature_stats against numpy on the exported timesteps (an independent explode, mask and statistics in
 * Python), and the mergeability and determinism that make the table reproducible.
 */
class FeatureStatisticsSparkTest extends SparkTestBase {
  private static final String PYTHON = "/usr/bin/python3";
  private static final LocalDate DAY1 = LocalDate.of(2026, 1, 15);
  private static final LocalDate DAY2 = LocalDate.of(2026, 1, 16);
  private static final int JOINTS = 6;
  private static final FeatureLayout LAYOUT = new FeatureLayout(SilverFixtures.jointNames(JOINTS));
  private static final List<String> KEYS = List.of("source", "capture_date");

  /** Published gold timesteps of two dates, both sources, everything passing quality. */
  private Dataset<Row> goldTimesteps() {
    Dataset<Row> robot = SilverFixtures.robot(spark(), List.of(
        new RobotEpisode(DAY1, "ep-1", "s-1", "neo-0001", 400, JOINTS, 11),
        new RobotEpisode(DAY1, "ep-2", "s-1", "neo-0001", 250, JOINTS, 12),
        new RobotEpisode(DAY2, "ep-3", "s-2", "neo-0002", 300, JOINTS, 13)));
    Dataset<Row> human = SilverFixtures.human(spark(), List.of(
        new HumanClip(DAY1, "clip-1", "dexsuite", 300, JOINTS, 4, Set.of(7, 8), 21),
        new HumanClip(DAY2, "clip-2", "dexsuite", 200, JOINTS, 2, Set.of(), 22)));
    List<Verdict> all = new ArrayList<>();
    all.add(Verdict.episode(DAY1, "neo-0001", "s-1", "ep-1", false, false));
    all.add(Verdict.episode(DAY1, "neo-0001", "s-1", "ep-2", false, false));
    all.add(Verdict.episode(DAY1, "neo-0002", "s-2", "ep-3", false, false));
    for (String clip : List.of("clip-1", "clip-2")) {
      all.add(Verdict.clip(DAY1, "dexsuite", clip, false, false));
    }
    Dataset<Row> verdicts = QualityVerdicts.of(QualityFixtures.report(spark(), all),
        QualityFixtures.quarantine(spark(), all));
    return GoldTimesteps.curate(GoldTimesteps.unify(robot, human), verdicts, DeterministicSplit.standard(), "r");
  }

  @Test
  void statisticsEqualNumpysOnTheExportedRowsAndQuantilesAreWithinTheSketchBound() throws Exception {
    assumeTrue(numpyAvailable(), PYTHON + " cannot import numpy: install Debian's python3-numpy (or python3-pandas)"
        + " to run the numpy cross-check");
    Dataset<Row> gold = goldTimesteps().cache();
    List<Row> stats = FeatureStatistics.compute(gold, LAYOUT, KEYS)
        .orderBy("source", "capture_date", "feature", "element_index").collectAsList();

    Path timesteps = temp.resolve("timesteps.jsonl");
    try (var out = Files.newBufferedWriter(timesteps, StandardCharsets.UTF_8)) {
      Iterator<String> it = gold.select("source", "capture_date", "joint_position", "joint_velocity",
          "joint_effort", "action", "joint_mask", "wrench_left", "wrench_right", "tactile_left", "tactile_right")
          .toJSON().toLocalIterator();
      while (it.hasNext()) {
        out.write(it.next());
        out.write('\n');
      }
    }
    Path statsCsv = temp.resolve("stats.csv");
    List<String> lines = new ArrayList<>();
    lines.add("source,capture_date,feature,element,element_index,count,mean,std,min,max,q01,q10,q50,q90,q99");
    for (Row r : stats) {
      StringBuilder sb = new StringBuilder();
      for (String c : List.of("source", "capture_date", "feature", "element", "element_index", "count", "mean", "std",
          "min", "max", "q01", "q10", "q50", "q90", "q99")) {
        sb.append(sb.length() == 0 ? "" : ",").append(String.valueOf((Object) r.getAs(c)));
      }
      lines.add(sb.toString());
    }
    Files.write(statsCsv, lines);
    Path script = temp.resolve("check_stats.py");
    Files.writeString(script, NUMPY_CHECK);

    Process p = new ProcessBuilder(PYTHON, script.toString(), timesteps.toString(), statsCsv.toString(),
        String.join(",", LAYOUT.jointNames())).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("numpy check output:%n%s", output).isZero();
    // Every (source, date, feature, element) numpy saw was compared, and there are as many as Spark produced.
    assertThat(output).contains("compared " + stats.size() + " elements");
    gold.unpersist();
  }

  @Test
  void statesOfSeveralDatesCombineIntoExactlyTheStatisticsOfTheirUnion() {
    Dataset<Row> gold = goldTimesteps().cache();
    Dataset<Row> perDate = FeatureStatistics.compute(gold, LAYOUT, KEYS);
    List<Row> combined = FeatureStatistics.combine(perDate, List.of("source"))
        .orderBy("source", "feature", "element_index").collectAsList();
    List<Row> direct = FeatureStatistics.compute(gold, LAYOUT, List.of("source"))
        .orderBy("source", "feature", "element_index").collectAsList();
    assertThat(combined).hasSameSizeAs(direct).isNotEmpty();
    for (int i = 0; i < direct.size(); i++) {
      assertThat(rowToString(combined.get(i))).isEqualTo(rowToString(direct.get(i)));
    }
    gold.unpersist();
  }

  @Test
  void statisticsAreIdenticalWhateverThePartitioningOfTheInput() {
    Dataset<Row> gold = goldTimesteps().cache();
    List<Row> one = FeatureStatistics.compute(gold.repartition(1), LAYOUT, KEYS)
        .orderBy("source", "capture_date", "feature", "element_index").collectAsList();
    List<Row> many = FeatureStatistics.compute(gold.repartition(7), LAYOUT, KEYS)
        .orderBy("source", "capture_date", "feature", "element_index").collectAsList();
    assertThat(many).hasSameSizeAs(one);
    for (int i = 0; i < one.size(); i++) {
      assertThat(rowToString(many.get(i))).isEqualTo(rowToString(one.get(i)));
    }
    gold.unpersist();
  }

  @Test
  void elementsAreNamedByJointComponentAndTaxelAndUnsolvedHumanJointsAreLeftOut() {
    List<Object[]> rows = rowsToJava(FeatureStatistics.compute(goldTimesteps(), LAYOUT, KEYS)
        .where("capture_date = DATE'2026-01-15'")
        .groupBy("source", "feature").agg(org.apache.spark.sql.functions.collect_list("element"))
        .orderBy("source", "feature").collectAsList());
    List<String> joints = LAYOUT.jointNames();
    List<String> taxels = List.of("taxel_0", "taxel_1", "taxel_2", "taxel_3", "taxel_4", "taxel_5", "taxel_6",
        "taxel_7");
    assertRows("features per source", rows(
        row("fleet", "action", joints),
        row("fleet", "joint_effort", joints),
        row("fleet", "joint_position", joints),
        row("fleet", "joint_velocity", joints),
        row("fleet", "tactile_left", taxels),
        row("fleet", "tactile_right", taxels),
        row("fleet", "wrench_left", FeatureLayout.WRENCH_COMPONENTS),
        row("fleet", "wrench_right", FeatureLayout.WRENCH_COMPONENTS),
        // clip-1 solves 4 of 6 joints; masked joints are no data, not zeros.
        row("human", "action", joints.subList(0, 4)),
        row("human", "joint_position", joints.subList(0, 4))),
        sortedLists(rows));
  }

  private static List<Object[]> sortedLists(List<Object[]> rows) {
    for (Object[] r : rows) {
      @SuppressWarnings("unchecked")
      List<String> l = new ArrayList<>((List<String>) r[2]);
      l.sort(java.util.Comparator.comparing((String s) -> s.length()).thenComparing(s -> s));
      if (l.get(0).startsWith("j")) {
        l.sort(java.util.Comparator.comparingInt(s -> Integer.parseInt(s.substring(1))));
      } else if (l.get(0).startsWith("taxel_")) {
        l.sort(java.util.Comparator.comparingInt(s -> Integer.parseInt(s.substring(6))));
      } else {
        l.sort(java.util.Comparator.comparingInt(FeatureLayout.WRENCH_COMPONENTS::indexOf));
      }
      r[2] = l;
    }
    return rows;
  }

  private static String rowToString(Row r) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < r.length(); i++) {
      Object v = r.get(i);
      sb.append(v instanceof byte[] b ? java.util.Base64.getEncoder().encodeToString(b) : String.valueOf(v))
          .append('|');
    }
    return sb.toString();
  }

  private static boolean numpyAvailable() {
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import numpy").redirectErrorStream(true).start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /**
   * Reads the exported rows, explodes and masks them itself (null arrays skipped, human joints with mask false
   * skipped), and compares: count exactly, min and max exactly, mean and population std (numpy, ddof=0) to 1e-12
   * relative, and each quantile within the documented bound 2^-9 * max(|x_floor|, |x_ceil|) of numpy's linear
   * quantile, where x_floor, x_ceil are the order statistics numpy interpolates.
   */
  private static final String NUMPY_CHECK = """
      import csv, json, sys
      from collections import defaultdict
      import numpy as np

      timesteps, stats_csv, joint_names = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
      JOINT = ["joint_position", "joint_velocity", "joint_effort", "action"]
      OTHER = ["wrench_left", "wrench_right", "tactile_left", "tactile_right"]
      WRENCH = ["force_x", "force_y", "force_z", "torque_x", "torque_y", "torque_z"]
      values = defaultdict(list)
      with open(timesteps) as f:
          for line in f:
              row = json.loads(line)
              key = (row["source"], row["capture_date"])
              mask = row.get("joint_mask")
              for feature in JOINT + OTHER:
                  arr = row.get(feature)
                  if arr is None:
                      continue
                  for i, v in enumerate(arr):
                      if v is None:
                          continue
                      if feature in JOINT and mask is not None and not mask[i]:
                          continue
                      values[key + (feature, i)].append(v)

      def name(feature, i):
          if feature in JOINT:
              return joint_names[i]
          if feature.startswith("wrench"):
              return WRENCH[i]
          return "taxel_%d" % i

      EPS = 2.0 ** -9
      failures, compared, worst = [], 0, 0.0
      seen = set()
      with open(stats_csv) as f:
          for s in csv.DictReader(f):
              key = (s["source"], s["capture_date"], s["feature"], int(s["element_index"]))
              seen.add(key)
              x = np.array(values[key], dtype=np.float32).astype(np.float64)
              label = "%s %s %s[%s]" % key
              if s["element"] != name(s["feature"], int(s["element_index"])):
                  failures.append("%s: element %s" % (label, s["element"]))
              if int(s["count"]) != len(x):
                  failures.append("%s: count %s, numpy %d" % (label, s["count"], len(x)))
                  continue
              xs = np.sort(x)
              scale = max(1e-300, float(np.max(np.abs(x))))
              for col, ref, exact in [("min", xs[0], True), ("max", xs[-1], True),
                                      ("mean", np.mean(x), False), ("std", np.std(x), False)]:
                  got = float(s[col])
                  ok = got == ref if exact else abs(got - ref) <= 1e-12 * max(abs(ref), scale * 1e-3)
                  if not ok:
                      failures.append("%s: %s %r, numpy %r" % (label, col, got, ref))
              n = len(xs)
              for col, q in [("q01", 0.01), ("q10", 0.10), ("q50", 0.50), ("q90", 0.90), ("q99", 0.99)]:
                  ref = np.quantile(x, q)
                  h = q * (n - 1)
                  lo, hi = int(np.floor(h)), min(int(np.floor(h)) + 1, n - 1)
                  bound = EPS * max(abs(xs[lo]), abs(xs[hi])) + 2.0 ** -135 + 1e-12 * abs(ref)
                  err = abs(float(s[col]) - ref)
                  if err > bound:
                      failures.append("%s: %s %r, numpy %r, error %g > bound %g" % (label, col, float(s[col]), ref, err, bound))
                  if abs(ref) > 0:
                      worst = max(worst, err / abs(ref))
              compared += 1
      missing = set(values) - seen
      if missing:
          failures.append("numpy has elements Spark did not describe: %s" % sorted(missing)[:5])
      for line in failures[:40]:
          print(line)
      print("compared %d elements, %d failures, worst relative quantile error %.3g (bound %.3g)" % (compared, len(failures), worst, EPS))
      sys.exit(1 if failures else 0)
      """;
}
