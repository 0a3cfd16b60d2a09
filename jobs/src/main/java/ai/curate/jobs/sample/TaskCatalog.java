package ai.curate.jobs.sample;

import java.util.List;

/**
 * The household tasks sample episodes perform. Each says which hands grasp when (as fractions of the episode) and
 * what the held object weighs, which drives contact forces and tactile pressure.
 */
final class TaskCatalog {
  private TaskCatalog() {}

  /** A hand closes at {@code closeAt} and opens at {@code openAt}, both fractions of the episode. */
  record Grasp(Side side, double closeAt, double openAt) {}

  record Task(String name, String prompt, double objectMassKg, double pushForceN, List<Grasp> grasps) {}

  static final List<Task> ROBOT_TASKS = List.of(
      new Task("fold_towel", "fold the towel in half", 0.3, 2.0,
          List.of(new Grasp(Side.LEFT, 0.25, 0.70), new Grasp(Side.RIGHT, 0.25, 0.70))),
      new Task("pick_place_cup", "put the cup on the shelf", 0.35, 0.0,
          List.of(new Grasp(Side.RIGHT, 0.30, 0.75))),
      new Task("open_drawer", "open the top drawer", 0.0, 15.0,
          List.of(new Grasp(Side.LEFT, 0.35, 0.65))),
      new Task("wipe_table", "wipe the table with the sponge", 0.05, 8.0,
          List.of(new Grasp(Side.RIGHT, 0.15, 0.85))),
      new Task("handover_box", "hand the box from the right hand to the left", 1.2, 0.0,
          List.of(new Grasp(Side.RIGHT, 0.20, 0.55), new Grasp(Side.LEFT, 0.45, 0.85))),
      new Task("load_dishwasher", "load the plate into the dishwasher", 0.5, 0.0,
          List.of(new Grasp(Side.RIGHT, 0.25, 0.70))));

  static final List<Task> HUMAN_TASKS = List.of(
      new Task("pick_place_cup", "pick up the cup and put it down to the left", 0.35, 0.0,
          List.of(new Grasp(Side.RIGHT, 0.30, 0.70))),
      new Task("pour_water", "pour water from the bottle into the glass", 0.8, 0.0,
          List.of(new Grasp(Side.RIGHT, 0.20, 0.80))),
      new Task("open_jar", "hold the jar and twist the lid open", 0.4, 0.0,
          List.of(new Grasp(Side.LEFT, 0.15, 0.85), new Grasp(Side.RIGHT, 0.30, 0.75))));
}
