package ai.curate.transforms.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.curate.testing.Fixtures;
import ai.curate.testing.PythonModules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference (and so the Spark transform, which equals it exactly) against an independent implementation with
 * pandas.merge_asof (previous, nearest: tolerance = max gap) and numpy.interp (linear), the script
 * tests/pandas/align_crosscheck.py, on generated data with NaNs, duplicates, out-of-order input, dropouts and
 * clock offsets. Skipped when /usr/bin/python3 cannot import pandas (Debian: apt-get install python3-pandas).
 */
class PandasCrossCheckTest {

  private static final String PYTHON = "/usr/bin/python3";

  @TempDir
  Path temp;

  @Test
  void referenceEqualsPandasMergeAsofAndNumpyInterp() throws Exception {
    assumeTrue(PythonModules.importable("pandas, numpy"),
        PYTHON + " cannot import pandas and numpy: install Debian's python3-pandas "
            + "(apt-get install python3-pandas) to run the pandas cross-check");
    Path script = findScript();
    long compared = 0;
    long linearValues = 0;
    long nonExactLinear = 0;
    List<RandomScenarios.Scenario> scenarios = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    for (long seed = 201; seed <= 230; seed++) {
      RandomScenarios.Scenario s = RandomScenarios.generate(seed, 1.0, AlignMethod.LINEAR, AlignMethod.PREVIOUS,
          AlignMethod.NEAREST);
      Path dir = Files.createDirectories(temp.resolve("seed-" + seed));
      writeInputs(dir, s);
      scenarios.add(s);
      dirs.add(dir);
    }
    runScript(script, dirs);
    for (int c = 0; c < scenarios.size(); c++) {
      RandomScenarios.Scenario s = scenarios.get(c);
      Map<String, String[]> pandas = readOutput(dirs.get(c).resolve("out.csv"));
      List<AlignedStep> expected = ReferenceAligner.align(s.samples(), s.grid(), s.config()).steps();
      assertThat(pandas).as("pandas rows for %s", s).hasSize(expected.size());
      for (AlignedStep step : expected) {
        String[] row = pandas.get(step.episodeId() + "/" + step.stepIndex() + "/" + step.stream());
        assertThat(row).as("pandas row for %s", step).isNotNull();
        String context = s + " " + step + " vs pandas " + String.join(",", row);
        assertThat(Boolean.parseBoolean(row[3])).as("valid: %s", context).isEqualTo(step.valid());
        if (step.valid()) {
          assertThat(parseValues(row[4])).as("values (bit-exact): %s", context).containsExactly(step.values());
          assertThat(Long.parseLong(row[5])).as("staleness: %s", context).isEqualTo(step.stalenessNs());
          assertThat(Long.parseLong(row[6])).as("source seq: %s", context).isEqualTo(step.sourceSeq());
          if (s.config().policy(step.stream()).method() == AlignMethod.LINEAR) {
            linearValues++;
            nonExactLinear += step.sampleCount() == 2 ? 1 : 0;
          }
        }
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(3_000);
    assertThat(nonExactLinear).as("interpolated values compared").isGreaterThan(500);
    assertThat(linearValues).isGreaterThan(nonExactLinear);
  }

  /** tests/pandas/align_crosscheck.py of the checkout. */
  private static Path findScript() {
    return Fixtures.project("tests/pandas/align_crosscheck.py");
  }

  private static void writeInputs(Path dir, RandomScenarios.Scenario s) throws IOException {
    StringBuilder samples = new StringBuilder("episode_id,stream,ts_ns,seq,values\n");
    for (Sample x : s.samples()) {
      samples.append(x.episodeId()).append(',').append(x.stream()).append(',').append(x.tsNs()).append(',')
          .append(x.seq()).append(',').append(formatValues(x.values())).append('\n');
    }
    StringBuilder grid = new StringBuilder("episode_id,step_index,ts_ns\n");
    for (GridPoint g : s.grid()) {
      grid.append(g.episodeId()).append(',').append(g.stepIndex()).append(',').append(g.tsNs()).append('\n');
    }
    StringBuilder policies = new StringBuilder("stream,method,max_gap_ns\n");
    for (Map.Entry<String, StreamPolicy> e : s.config().policies().entrySet()) {
      policies.append(e.getKey()).append(',').append(e.getValue().method()).append(',')
          .append(e.getValue().maxGapNs()).append('\n');
    }
    Files.writeString(dir.resolve("samples.csv"), samples, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("grid.csv"), grid, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("policies.csv"), policies, StandardCharsets.UTF_8);
  }

  /** Space-separated, Double.toString (round-trips exactly through Python's float()); empty for null. */
  private static String formatValues(double[] values) {
    if (values == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      text.append(i == 0 ? "" : " ").append(values[i]);
    }
    return text.toString();
  }

  private static void runScript(Path script, List<Path> caseDirs) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), "--cases"));
    caseDirs.forEach(d -> command.add(d.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("pandas script finished").isTrue();
    assertThat(p.exitValue()).as("pandas script exit code; output:%n%s", output).isZero();
  }

  private static Map<String, String[]> readOutput(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo("episode_id,step_index,stream,valid,values,staleness_ns,source_seq");
    Map<String, String[]> rows = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] row = line.split(",", -1);
      rows.put(row[0] + "/" + row[1] + "/" + row[2], row);
    }
    return rows;
  }

  private static double[] parseValues(String text) {
    String[] parts = text.split(" ");
    double[] values = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      values[i] = Double.parseDouble(parts[i]);
    }
    return values;
  }
}
