package ai.curate.retargeting.urdf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a lenient parse left out, grouped by kind ("<mimic> on fixed joints" -> joint names), so
 * that a command can say it in one line instead of one line per joint.
 */
final class IgnoredItems {
  private final Map<String, List<String>> byKind = new LinkedHashMap<>();

  void add(String kind, String jointName) {
    byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(jointName);
  }

  /** One line naming every ignored item, or null when nothing was ignored. */
  String summary(String source) {
    if (byKind.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder("URDF ").append(source)
        .append(": ignored what has no effect on the kinematics: ");
    String sep = "";
    for (Map.Entry<String, List<String>> e : byKind.entrySet()) {
      sb.append(sep).append(e.getKey()).append(' ').append(RobotModel.abbreviate(e.getValue()));
      sep = "; ";
    }
    return sb.toString();
  }
}
