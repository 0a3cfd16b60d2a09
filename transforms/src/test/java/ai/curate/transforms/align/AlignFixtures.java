package ai.curate.transforms.align;

import java.util.ArrayList;
import java.util.List;

/** Small builders that keep the semantic tests readable: times in milliseconds, one episode unless told. */
final class AlignFixtures {
  private AlignFixtures() {}

  static final String EPISODE = "ep-1";

  static long ms(double millis) {
    return Math.round(millis * 1_000_000.0);
  }

  static double[] v(double... values) {
    return values;
  }

  /** Samples of one stream in file order: (ts ms, value) pairs; seq = position in the list. */
  static List<Sample> stream(String stream, double... tsMsAndValue) {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < tsMsAndValue.length; i += 2) {
      samples.add(new Sample(EPISODE, stream, ms(tsMsAndValue[i]), i / 2, new double[] {tsMsAndValue[i + 1]}));
    }
    return samples;
  }

  static Sample sample(String stream, double tsMs, long seq, double... values) {
    return new Sample(EPISODE, stream, ms(tsMs), seq, values);
  }

  /** Grid points of {@link #EPISODE} at the given times (ms), step_index = position. */
  static List<GridPoint> grid(double... tsMs) {
    List<GridPoint> grid = new ArrayList<>();
    for (int i = 0; i < tsMs.length; i++) {
      grid.add(new GridPoint(EPISODE, i, ms(tsMs[i])));
    }
    return grid;
  }

  @SafeVarargs
  static List<Sample> concat(List<Sample>... parts) {
    List<Sample> all = new ArrayList<>();
    for (List<Sample> p : parts) {
      all.addAll(p);
    }
    return all;
  }

  static AlignmentConfig config(String stream, StreamPolicy policy) {
    return AlignmentConfig.builder().stream(stream, policy).build();
  }

  /** The steps of one stream, in step order. */
  static List<AlignedStep> of(List<AlignedStep> steps, String stream) {
    return steps.stream().filter(s -> s.stream().equals(stream)).toList();
  }
}
