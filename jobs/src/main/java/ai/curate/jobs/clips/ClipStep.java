package ai.curate.jobs.clips;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * What a clip's record keeps of one gold step: its time, the camera frames it shows and the per-frame values the
 * profile asks for (null when not asked for).
 *
 * @param frameIndex per profile camera (in the profile's order), the frame of that camera's video; -1 when none
 */
record ClipStep(int stepIndex, long tsNs, long[] frameIndex, float[] state, float[] action, float[] wrenchLeft,
    float[] wrenchRight, float[] tactileLeft, float[] tactileRight, boolean[] jointMask,
    Map<String, Boolean> validity) {

  /** Validity columns of gold.timesteps, in the record's order. */
  static final List<String> VALIDITY_COLUMNS = List.of("joint_state_valid", "action_valid", "wrench_left_valid",
      "wrench_right_valid", "tactile_left_valid", "tactile_right_valid", "cameras_valid");

  /**
   * The step of {@code row}: a clip may span it when each requested modality the source has is valid (the fleet has
   * every one; a human clip has state and action), and show it as a frame when each of the clip's cameras has a
   * frame at it (a camera slower than the grid has none at some steps: those steps are spanned, not shown).
   */
  static ClipWindows.Step<ClipStep> of(Row row, ClipProfile profile, List<String> cameras) {
    boolean fleet = !"human".equals(row.<String>getAs("source"));
    int framesAt = row.fieldIndex("camera_frame_index");
    Map<String, Object> frames = row.isNullAt(framesAt) ? null : row.getJavaMap(framesAt);
    long[] frameIndex = new long[cameras.size()];
    boolean valid = true;
    boolean pickable = true;
    for (int i = 0; i < cameras.size(); i++) {
      Object f = frames == null ? null : frames.get(cameras.get(i));
      frameIndex[i] = f == null ? -1 : ((Number) f).longValue();
      pickable &= f != null;
    }
    if (profile.has(ClipProfile.STATE)) {
      valid &= isTrue(row, "joint_state_valid");
    }
    if (profile.has(ClipProfile.ACTION)) {
      valid &= isTrue(row, "action_valid");
    }
    boolean wrenches = fleet && profile.has(ClipProfile.WRENCHES);
    boolean tactile = fleet && profile.has(ClipProfile.TACTILE);
    if (wrenches) {
      valid &= isTrue(row, "wrench_left_valid") && isTrue(row, "wrench_right_valid");
    }
    if (tactile) {
      valid &= isTrue(row, "tactile_left_valid") && isTrue(row, "tactile_right_valid");
    }
    Map<String, Boolean> validity = null;
    if (profile.has(ClipProfile.VALIDITY)) {
      validity = new java.util.LinkedHashMap<>();
      for (String c : VALIDITY_COLUMNS) {
        validity.put(c, isTrue(row, c));
      }
    }
    ClipStep step = new ClipStep(row.<Integer>getAs("step_index"), row.<Long>getAs("ts_ns"), frameIndex,
        profile.has(ClipProfile.STATE) ? floats(row, "joint_position") : null,
        profile.has(ClipProfile.ACTION) ? floats(row, "action") : null,
        wrenches ? floats(row, "wrench_left") : null, wrenches ? floats(row, "wrench_right") : null,
        tactile ? floats(row, "tactile_left") : null, tactile ? floats(row, "tactile_right") : null,
        booleans(row, "joint_mask"), validity);
    return new ClipWindows.Step<>(step.stepIndex(), step.tsNs(), valid, pickable, step);
  }

  private static boolean isTrue(Row row, String column) {
    Object v = row.getAs(column);
    return v != null && (Boolean) v;
  }

  private static float[] floats(Row row, String column) {
    int at = row.fieldIndex(column);
    if (row.isNullAt(at)) {
      return null;
    }
    List<Object> list = row.getList(at);
    float[] out = new float[list.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = list.get(i);
      out[i] = v == null ? Float.NaN : ((Number) v).floatValue();
    }
    return out;
  }

  private static boolean[] booleans(Row row, String column) {
    int at = row.fieldIndex(column);
    if (row.isNullAt(at)) {
      return null;
    }
    List<Object> list = row.getList(at);
    boolean[] out = new boolean[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Boolean.TRUE.equals(list.get(i));
    }
    return out;
  }
}
