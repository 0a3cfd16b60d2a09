package ai.curate.jobs.sample;

/** Left or right: hands, arms, wrist sensors. */
enum Side {
  LEFT("left"),
  RIGHT("right");

  final String label;

  Side(String label) {
    this.label = label;
  }
}
