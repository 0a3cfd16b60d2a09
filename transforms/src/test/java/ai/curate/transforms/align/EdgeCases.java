package ai.curate.transforms.align;

import static ai.curate.transforms.align.AlignFixtures.ms;

import java.util.ArrayList;
import java.util.List;

/**
 * The edge cases of AlignmentSemanticsTest gathered into one multi-episode input (one episode per case), so a
 * single Spark job can check them all against the reference.
 */
record EdgeCases(List<Sample> samples, List<GridPoint> grid, AlignmentConfig config) {

  static EdgeCases all() {
    AlignmentConfig config = AlignmentConfig.builder()
        .stream("joints", StreamPolicy.linear(ms(20)))
        .stream("cmd", StreamPolicy.previous(ms(50)))
        .stream("cam", StreamPolicy.cameraDefault(30))
        .stream("force", StreamPolicy.windowMean(ms(5)))
        .stream("force_peak", StreamPolicy.windowMax(ms(5)))
        .build();
    EdgeCases cases = new EdgeCases(new ArrayList<>(), new ArrayList<>(), config);
    cases.add("exact", List.of(s("joints", 0, 0, 1), s("joints", 10, 1, 2), s("joints", 20, 2, 4), s("cmd", 10, 0, 2),
        s("cam", 10, 0, 2)), 5, 10, 20);
    cases.add("duplicates", List.of(s("cmd", 10, 0, 1), s("cmd", 10, 1, 2), s("cmd", 20, 5, 7), s("cmd", 20, 2, 3),
        s("joints", 10, 0, 1), s("joints", 10, 1, 2), s("joints", 20, 2, 7)), 10, 20, 15);
    cases.add("out_of_order", List.of(s("joints", 0, 0, 0), s("joints", 20, 1, 20), s("joints", 10, 2, 10),
        s("joints", 30, 3, 30)), 5, 15, 25);
    cases.add("gaps", List.of(s("joints", 0, 0, 0), s("joints", 40, 1, 40), s("joints", 100, 2, 100),
        s("cmd", 0, 0, 1)), 20, 50, 50.000001, 70, 80);
    cases.add("edges", List.of(s("joints", 10, 0, 1), s("joints", 30, 1, 3), s("cmd", 10, 0, 1), s("cam", 10, 0, 1),
        s("cam", 30, 1, 3)), 5, 35);
    cases.add("offset", ClockOffsets.shift(List.of(s("joints", 0, 0, 0), s("joints", 10, 1, 10)), ms(3)), 3, 8, 13);
    List<Sample> frames = new ArrayList<>();
    double[] gridMs = new double[10];
    for (int k = 0; k < 10; k++) {
      if (k != 4 && k != 5) {
        frames.add(new Sample("", "cam", Math.round(k * 1e9 / 30), k, new double[] {k}));
      }
      gridMs[k] = k * 1000.0 / 30 + 5;
    }
    cases.add("camera_drops", frames, gridMs);
    cases.add("nan", List.of(s("joints", 0, 0, 0), s("joints", 10, 1, Double.NaN), s("joints", 20, 2, 20),
        s("cmd", 10, 0, 1), s("cmd", 10, 1, Double.NaN)), 10, 15);
    List<Sample> force = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      force.add(s("force", i, i - 1, i));
      force.add(s("force_peak", i, i - 1, -i));
    }
    cases.add("window", force, 5, 10, 12, 20);
    cases.add("tie", List.of(s("cam", 0, 0, 1), s("cam", 20, 1, 2)), 10);
    cases.add("no_samples", List.of(), 0, 10);
    return cases;
  }

  private static Sample s(String stream, double tsMs, long seq, double value) {
    return new Sample("", stream, ms(tsMs), seq, new double[] {value});
  }

  private void add(String episode, List<Sample> caseSamples, double... gridMs) {
    for (Sample s : caseSamples) {
      samples.add(new Sample(episode, s.stream(), s.tsNs(), s.seq(), s.values()));
    }
    for (int i = 0; i < gridMs.length; i++) {
      grid.add(new GridPoint(episode, i, ms(gridMs[i])));
    }
  }
}
