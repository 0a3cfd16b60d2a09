package ai.curate.jobs.fleet;

import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.Tables;
import java.util.List;

/**
 * The kinds of Arrow files in a bundle (docs/raw-formats.md) and the bronze table each lands in. List columns are
 * FixedSizeList&lt;float32&gt;; their width comes from the manifest ({@code joint_names}, 3, {@code taxels}).
 */
public enum StreamKind {
  JOINT_STATE("joint_state", Tables.JOINT_STATES, "ts_ns", List.of("position", "velocity", "effort")),
  JOINT_COMMAND(
      "joint_command", Tables.JOINT_COMMANDS, "ts_ns", List.of("position")),
  WRENCH("wrench", Tables.WRENCHES, "ts_ns",
      List.of("force", "torque")),
  TACTILE("tactile", Tables.TACTILE, "ts_ns", List.of("pressure")),
  /** A camera's frame-index file: {@code frame_index int32, capture_ts_ns int64}. */
  CAMERA_FRAMES("camera_frames", Tables.CAMERA_FRAMES, "capture_ts_ns", List.of());

  public final String id;
  public final TableId table;
  public final String tsColumn;
  public final List<String> listColumns;

  StreamKind(String id, TableId table, String tsColumn, List<String> listColumns) {
    this.id = id;
    this.table = table;
    this.tsColumn = tsColumn;
    this.listColumns = listColumns;
  }

  /** The manifest's {@code kind}; null when unknown. */
  public static StreamKind ofManifest(String kind) {
    for (StreamKind k : values()) {
      if (k != CAMERA_FRAMES && k.id.equals(kind)) {
        return k;
      }
    }
    return null;
  }

  public static List<String> manifestKinds() {
    return List.of(JOINT_STATE.id, JOINT_COMMAND.id, WRENCH.id, TACTILE.id);
  }
}
