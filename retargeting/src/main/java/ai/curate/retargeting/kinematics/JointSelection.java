package ai.curate.retargeting.kinematics;

import java.util.List;

/**
 * Which joint coordinates a Jacobian has columns for, and in which order: a solver works on a
 * subset of a robot (one hand of a humanoid) while the other joints stay where they are.
 */
public final class JointSelection {
  private final List<String> names;
  private final int[] coordinates;
  private final int[] columnOfCoordinate;

  public JointSelection(KinematicTree tree, List<String> jointNames) {
    this.names = List.copyOf(jointNames);
    this.coordinates = new int[names.size()];
    this.columnOfCoordinate = new int[tree.dof()];
    java.util.Arrays.fill(columnOfCoordinate, -1);
    for (int c = 0; c < names.size(); c++) {
      int q = tree.coordinateIndex(names.get(c));
      if (columnOfCoordinate[q] >= 0) {
        throw new IllegalArgumentException("joint '" + names.get(c) + "' is listed twice");
      }
      coordinates[c] = q;
      columnOfCoordinate[q] = c;
    }
  }

  /** Every actuated joint, in canonical order. */
  public static JointSelection all(KinematicTree tree) {
    return new JointSelection(tree, tree.coordinateNames());
  }

  public int size() {
    return coordinates.length;
  }

  public List<String> names() {
    return names;
  }

  /** The joint-vector slot of column c. */
  public int coordinate(int column) {
    return coordinates[column];
  }

  /** The column of a joint-vector slot, or -1 when that joint is not selected. */
  public int columnOf(int coordinate) {
    return coordinate < 0 ? -1 : columnOfCoordinate[coordinate];
  }
}
