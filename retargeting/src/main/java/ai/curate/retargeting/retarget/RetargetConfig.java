package ai.curate.retargeting.retarget;

import ai.curate.retargeting.kinematics.KinematicTree;
import ai.curate.retargeting.urdf.Joint;
import ai.curate.retargeting.urdf.RobotModel;
import ai.curate.retargeting.urdf.UrdfException;
import ai.curate.retargeting.urdf.UrdfParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loaded and validated robot retargeting config: the robot model its {@code urdf} key points to
 * (relative to the config file) and one {@link HandSpec} per hand. Two YAML forms are accepted:
 * the single-hand form with the hand's keys at the top level (and {@code hand_side}), or
 * {@code hands: {right: {...}, left: {...}}}. Every problem is a {@link RetargetConfigException}
 * naming the file and the key.
 */
public final class RetargetConfig {
  public static final int HUMAN_KEYPOINTS = 21;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_EXTERNAL_TYPE_ID_PROPERTY);

  private final Path file;
  private final Path urdf;
  private final RobotModel model;
  private final KinematicTree tree;
  private final List<HandSpec> hands;
  private final boolean handsForm;

  private RetargetConfig(Path file, Path urdf, RobotModel model, List<HandSpec> hands, boolean handsForm) {
    this.handsForm = handsForm;
    this.file = file;
    this.urdf = urdf;
    this.model = model;
    this.tree = new KinematicTree(model);
    this.hands = List.copyOf(hands);
  }

  public static RetargetConfig load(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new RetargetConfigException("robot config not found: " + file);
    } catch (IOException e) {
      throw new RetargetConfigException("robot config " + file + " is not valid YAML: " + oneLine(e.getMessage()), e);
    }
    if (root == null || !root.isObject()) {
      throw new RetargetConfigException("robot config " + file + " must be a YAML mapping with at least 'urdf'");
    }
    ObjectNode obj = (ObjectNode) root.deepCopy();
    JsonNode urdfNode = obj.remove("urdf");
    if (urdfNode == null || !urdfNode.isTextual() || urdfNode.asText().isBlank()) {
      throw new RetargetConfigException("robot config " + file + ": key 'urdf' is missing; give the robot's URDF path "
          + "(relative to the config file)");
    }
    Path dir = file.toAbsolutePath().getParent();
    Path urdfPath = dir.resolve(urdfNode.asText()).normalize();
    RobotModel model;
    try {
      model = UrdfParser.parse(urdfPath);
    } catch (UrdfException e) {
      throw new RetargetConfigException("robot config " + file + ": key 'urdf': " + e.getMessage(), e);
    }
    List<HandSpec> hands = new ArrayList<>();
    JsonNode handsNode = obj.remove("hands");
    if (handsNode != null) {
      if (!handsNode.isObject() || handsNode.isEmpty()) {
        throw new RetargetConfigException(
            "robot config " + file + ": key 'hands' must map 'right' and/or 'left' to a hand");
      }
      if (!obj.isEmpty()) {
        throw new RetargetConfigException("robot config " + file + ": with 'hands', hand keys belong inside a hand; "
            + "unexpected top-level key '" + obj.fieldNames().next() + "'");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = handsNode.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().has("side")) {
          throw new RetargetConfigException("robot config " + file + ": hands." + e.getKey()
              + ": the side is the key of the entry; remove 'side'");
        }
        hands.add(bind(file, e.getValue(), "hands." + e.getKey() + ".").withSide(e.getKey()));
      }
    } else {
      JsonNode side = obj.remove("hand_side");
      HandSpec spec = bind(file, obj, "");
      hands.add(side == null ? spec : spec.withSide(side.asText()));
    }
    RetargetConfig config = new RetargetConfig(file, urdfPath, model, hands, handsNode != null);
    config.validate();
    return config;
  }

  private static HandSpec bind(Path file, JsonNode node, String prefix) {
    try {
      return YAML.treeToValue(node, HandSpec.class);
    } catch (JsonMappingException e) {
      String key = keyPath(e);
      throw new RetargetConfigException("robot config " + file + ": key '" + prefix + key + "': "
          + oneLine(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new RetargetConfigException("robot config " + file + ": " + oneLine(e.getMessage()), e);
    }
  }

  private static String keyPath(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  private void validate() {
    Set<String> sides = new HashSet<>();
    Set<String> solvedAnywhere = new HashSet<>();
    for (HandSpec h : hands) {
      String p = prefix(h);
      if (!h.side().equals("right") && !h.side().equals("left")) {
        throw fail(p + "side", "must be 'right' or 'left', got '" + h.side() + "'");
      }
      if (!sides.add(h.side())) {
        throw fail(p + "side", "hand '" + h.side() + "' is configured twice");
      }
      List<String> origins = required(h.originLinks(), p + "origin_links");
      List<String> tasks = required(h.taskLinks(), p + "task_links");
      List<Integer> ho = required(h.humanOriginIndices(), p + "human_origin_indices");
      List<Integer> ht = required(h.humanTaskIndices(), p + "human_task_indices");
      int m = tasks.size();
      if (origins.size() != m || ho.size() != m || ht.size() != m) {
        throw fail(p + "task_links", "origin_links, task_links, human_origin_indices and human_task_indices must have "
            + "the same length (one entry per vector); got " + origins.size() + ", " + m + ", " + ho.size() + ", "
            + ht.size());
      }
      for (int i = 0; i < m; i++) {
        link(origins.get(i), p + "origin_links[" + i + "]");
        link(tasks.get(i), p + "task_links[" + i + "]");
        keypoint(ho.get(i), p + "human_origin_indices[" + i + "]");
        keypoint(ht.get(i), p + "human_task_indices[" + i + "]");
        if (origins.get(i).equals(tasks.get(i))) {
          throw fail(p + "task_links[" + i + "]",
              "equals its origin link '" + origins.get(i) + "'; a vector needs two links");
        }
      }
      if (h.frameLink() != null) {
        link(h.frameLink(), p + "frame_link");
      }
      if (h.scalingFactor() == null || !(h.scalingFactor() > 0) || h.scalingFactor().isInfinite()) {
        throw fail(p + "scaling_factor",
            "must be a positive number (robot size / human size), got " + h.scalingFactor());
      }
      if (h.vectorWeights() != null) {
        if (h.vectorWeights().size() != m) {
          throw fail(p + "vector_weights", "needs one weight per vector (" + m + "), got " + h.vectorWeights().size());
        }
        for (int i = 0; i < m; i++) {
          Double w = h.vectorWeights().get(i);
          if (w == null || !(w >= 0) || w.isInfinite()) {
            throw fail(p + "vector_weights[" + i + "]", "must be a non-negative number, got " + w);
          }
        }
      }
      if (h.humanFrameRotation() != null) {
        validateRotation(h.humanFrameRotation(), p + "human_frame_rotation");
      }
      if (!(h.minConfidence() >= 0 && h.minConfidence() <= 1)) {
        throw fail(p + "min_confidence", "must be within [0, 1], got " + h.minConfidence());
      }
      validateSolver(h.solver(), p + "solver.");
      if (!(h.smoothing().cutoffHz() > 0)) {
        throw fail(p + "smoothing.cutoff_hz", "must be positive, got " + h.smoothing().cutoffHz());
      }
      if (!(h.metrics().jumpThresholdRad() > 0) || !(h.metrics().limitMarginRad() >= 0)
          || !(h.metrics().fallbackFps() > 0)) {
        throw fail(p + "metrics",
            "jump_threshold_rad and fallback_fps must be positive, limit_margin_rad non-negative");
      }
      List<String> solved = solvedJoints(h);
      if (solved.isEmpty()) {
        throw fail(p + "joints", "no joint moves any task link relative to its origin link; check the links");
      }
      for (String j : solved) {
        if (!solvedAnywhere.add(j)) {
          throw fail(p + "joints", "joint '" + j + "' is solved by two hands");
        }
      }
      validatePinch(h.pinch(), p + "pinch.");
      validateCouplings(h, solved, p + "couplings");
    }
  }

  private void validateSolver(SolverSettings s, String p) {
    if (!(s.huberDelta() > 0)) {
      throw fail(p + "huber_delta", "must be positive (metres), got " + s.huberDelta());
    }
    if (!(s.temporalWeight() >= 0)) {
      throw fail(p + "temporal_weight", "must be non-negative, got " + s.temporalWeight());
    }
    if (s.maxIterations() < 1) {
      throw fail(p + "max_iterations", "must be at least 1, got " + s.maxIterations());
    }
    if (!(s.tolerance() > 0)) {
      throw fail(p + "tolerance", "must be positive, got " + s.tolerance());
    }
    if (!(s.initialDamping() > 0)) {
      throw fail(p + "initial_damping", "must be positive, got " + s.initialDamping());
    }
  }

  private void validatePinch(PinchSettings pinch, String p) {
    for (int i = 0; i < pinch.pairs().size(); i++) {
      PinchSettings.PinchPair pair = pinch.pairs().get(i);
      String k = p + "pairs[" + i + "]";
      if (pair.robotLinks() == null || pair.robotLinks().size() != 2 || pair.humanIndices() == null
          || pair.humanIndices().size() != 2) {
        throw fail(k, "needs robot_links: [a, b] and human_indices: [i, j]");
      }
      link(pair.robotLinks().get(0), k + ".robot_links[0]");
      link(pair.robotLinks().get(1), k + ".robot_links[1]");
      keypoint(pair.humanIndices().get(0), k + ".human_indices[0]");
      keypoint(pair.humanIndices().get(1), k + ".human_indices[1]");
    }
    if (!(pinch.thresholdM() > 0) || !(pinch.weight() >= 0)) {
      throw fail(p + "threshold_m", "threshold_m must be positive and weight non-negative");
    }
  }

  private void validateCouplings(HandSpec h, List<String> solved, String p) {
    Set<String> targets = new HashSet<>();
    for (int i = 0; i < h.couplings().size(); i++) {
      Coupling c = h.couplings().get(i);
      String k = p + "[" + i + "]";
      if (c.joint() == null) {
        throw fail(k + ".joint", "is missing");
      }
      actuated(c.joint(), k + ".joint");
      if (solved.contains(c.joint())) {
        throw fail(k + ".joint", "'" + c.joint() + "' is also solved; a coupled joint follows its sources. "
            + "List the solved joints explicitly under 'joints' without it");
      }
      if (!targets.add(c.joint())) {
        throw fail(k + ".joint", "'" + c.joint() + "' is coupled twice");
      }
      if (c.sources().isEmpty()) {
        throw fail(k + ".sources", "needs at least one 'joint: coefficient'");
      }
      for (String src : c.sources().keySet()) {
        if (!solved.contains(src)) {
          throw fail(k + ".sources." + src, "is not a solved joint of this hand");
        }
      }
    }
  }

  private void validateRotation(List<List<Double>> r, String key) {
    boolean shaped = r.size() == 3 && r.stream().allMatch(row -> row != null && row.size() == 3
        && row.stream().allMatch(v -> v != null && Double.isFinite(v)));
    if (!shaped) {
      throw fail(key, "must be a 3x3 matrix (three rows of three numbers)");
    }
    double[][] m = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        m[i][j] = r.get(i).get(j);
      }
    }
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double dot = m[0][i] * m[0][j] + m[1][i] * m[1][j] + m[2][i] * m[2][j];
        if (Math.abs(dot - (i == j ? 1 : 0)) > 1e-6) {
          throw fail(key, "must be a rotation (orthonormal columns)");
        }
      }
    }
    double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    if (det < 0) {
      throw fail(key, "is a reflection (determinant -1); use a rotation");
    }
  }

  private String prefix(HandSpec h) {
    return handsForm ? "hands." + h.side() + "." : "";
  }

  /** The joints this hand solves for: its {@code joints} key, or those that move its task links. */
  public List<String> solvedJoints(HandSpec h) {
    if (h.joints() != null && !h.joints().isEmpty()) {
      for (int i = 0; i < h.joints().size(); i++) {
        actuated(h.joints().get(i), prefix(h) + "joints[" + i + "]");
      }
      if (new HashSet<>(h.joints()).size() != h.joints().size()) {
        throw fail(prefix(h) + "joints", "lists a joint twice");
      }
      return List.copyOf(h.joints());
    }
    Set<String> coupled = new HashSet<>();
    h.couplings().forEach(c -> coupled.add(c.joint()));
    java.util.TreeSet<Integer> slots = new java.util.TreeSet<>();
    for (int i = 0; i < h.taskLinks().size(); i++) {
      for (String j : tree.coordinatesBetween(tree.linkIndex(h.originLinks().get(i)),
          tree.linkIndex(h.taskLinks().get(i)))) {
        if (!coupled.contains(j)) {
          slots.add(tree.coordinateIndex(j));
        }
      }
    }
    return slots.stream().map(tree.coordinateNames()::get).toList();
  }

  private <T> List<T> required(List<T> list, String key) {
    if (list == null || list.isEmpty()) {
      throw fail(key, "is missing or empty");
    }
    for (T t : list) {
      if (t == null) {
        throw fail(key, "contains an empty entry");
      }
    }
    return list;
  }

  private void link(String name, String key) {
    if (!model.hasLink(name)) {
      throw fail(key, "robot '" + model.name() + "' has no link '" + name + "'");
    }
  }

  private void actuated(String name, String key) {
    if (!model.hasJoint(name)) {
      throw fail(key, "robot '" + model.name() + "' has no joint '" + name + "'");
    }
    Joint j = model.joint(name);
    if (!j.isActuated()) {
      throw fail(key, "joint '" + name + "' is " + (j.isMimic() ? "a mimic joint" : j.type().urdfName())
          + " and cannot be solved or coupled");
    }
  }

  private void keypoint(Integer index, String key) {
    if (index == null || index < 0 || index >= HUMAN_KEYPOINTS) {
      throw fail(key,
          "must be a hand keypoint index 0.." + (HUMAN_KEYPOINTS - 1) + " (MediaPipe/MANO order), got " + index);
    }
  }

  private RetargetConfigException fail(String key, String what) {
    return new RetargetConfigException("robot config " + file + ": key '" + key + "': " + what);
  }

  public Path file() {
    return file;
  }

  public Path urdf() {
    return urdf;
  }

  public RobotModel model() {
    return model;
  }

  public KinematicTree tree() {
    return tree;
  }

  public List<HandSpec> hands() {
    return hands;
  }
}
