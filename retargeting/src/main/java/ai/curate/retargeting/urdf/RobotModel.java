package ai.curate.retargeting.urdf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated kinematic tree read from a URDF: every joint connects two declared links, every
 * link but the root has exactly one parent joint, and every link is reachable from the root.
 * Immutable; build it with {@link UrdfParser}.
 */
public final class RobotModel {
  private final String name;
  private final String source;
  private final List<Link> links;
  private final List<Joint> joints;
  private final Map<String, Link> linksByName;
  private final Map<String, Joint> jointsByName;
  private final Map<String, Joint> parentJointByChildLink;
  private final Map<String, List<Joint>> childJointsByParentLink;
  private final String rootLink;
  private final List<String> actuatedJointNames;
  private final String warning;

  RobotModel(String name, String source, List<Link> links, List<Joint> joints, String rootLink, String warning) {
    this.name = name;
    this.warning = warning;
    this.source = source;
    this.links = List.copyOf(links);
    this.joints = List.copyOf(joints);
    this.rootLink = rootLink;
    Map<String, Link> lbn = new LinkedHashMap<>();
    links.forEach(l -> lbn.put(l.name(), l));
    this.linksByName = Collections.unmodifiableMap(lbn);
    Map<String, Joint> jbn = new LinkedHashMap<>();
    Map<String, Joint> parentOf = new LinkedHashMap<>();
    Map<String, List<Joint>> childrenOf = new LinkedHashMap<>();
    List<String> actuated = new ArrayList<>();
    for (Joint j : joints) {
      jbn.put(j.name(), j);
      parentOf.put(j.child(), j);
      childrenOf.computeIfAbsent(j.parent(), k -> new ArrayList<>()).add(j);
      if (j.isActuated()) {
        actuated.add(j.name());
      }
    }
    childrenOf.replaceAll((k, v) -> List.copyOf(v));
    this.jointsByName = Collections.unmodifiableMap(jbn);
    this.parentJointByChildLink = Collections.unmodifiableMap(parentOf);
    this.childJointsByParentLink = Collections.unmodifiableMap(childrenOf);
    this.actuatedJointNames = List.copyOf(actuated);
  }

  /** The {@code name} attribute of {@code <robot>}. */
  public String name() {
    return name;
  }

  /** Where the model was read from (a path or a caller-given name), for messages. */
  public String source() {
    return source;
  }

  /**
   * One line naming what the parser ignored because it has no effect (e.g. a {@code <mimic>} on a
   * fixed joint), for a command to print once to stderr; empty when the file was read in full.
   */
  public Optional<String> warning() {
    return Optional.ofNullable(warning);
  }

  public String rootLink() {
    return rootLink;
  }

  /** Links in file order. */
  public List<Link> links() {
    return links;
  }

  /** All joints (including fixed and mimic) in file order. */
  public List<Joint> joints() {
    return joints;
  }

  /**
   * The canonical joint order: actuated joints (one-DoF, not fixed, not mimic) in the order they
   * appear in the file. Fleet logs, retargeting output and the gold tables use this order.
   */
  public List<String> actuatedJointNames() {
    return actuatedJointNames;
  }

  public int actuatedJointCount() {
    return actuatedJointNames.size();
  }

  public boolean hasJoint(String jointName) {
    return jointsByName.containsKey(jointName);
  }

  public boolean hasLink(String linkName) {
    return linksByName.containsKey(linkName);
  }

  /** The joint of that name; a {@link UrdfException} naming the model if there is none. */
  public Joint joint(String jointName) {
    Joint j = jointsByName.get(jointName);
    if (j == null) {
      throw new UrdfException("robot '" + name + "' (" + source + ") has no joint named '" + jointName
          + "'; its actuated joints are " + abbreviate(actuatedJointNames));
    }
    return j;
  }

  /** The link of that name; a {@link UrdfException} naming the model if there is none. */
  public Link link(String linkName) {
    Link l = linksByName.get(linkName);
    if (l == null) {
      throw new UrdfException("robot '" + name + "' (" + source + ") has no link named '" + linkName
          + "'; its links are " + abbreviate(linksByName.keySet().stream().toList()));
    }
    return l;
  }

  /** The joint whose child is this link; empty for the root. */
  public Optional<Joint> parentJoint(String linkName) {
    link(linkName);
    return Optional.ofNullable(parentJointByChildLink.get(linkName));
  }

  /** Joints whose parent is this link, in file order. */
  public List<Joint> childJoints(String linkName) {
    link(linkName);
    return childJointsByParentLink.getOrDefault(linkName, List.of());
  }

  /**
   * Joints from the root down to this link, root side first (empty for the root itself).
   */
  public List<Joint> jointsFromRoot(String linkName) {
    List<Joint> path = new ArrayList<>();
    String current = link(linkName).name();
    Joint j;
    while ((j = parentJointByChildLink.get(current)) != null) {
      path.add(j);
      current = j.parent();
    }
    Collections.reverse(path);
    return path;
  }

  static String abbreviate(List<String> names) {
    if (names.size() <= 12) {
      return names.toString();
    }
    return names.subList(0, 12) + " ... (" + names.size() + " in all)";
  }

  @Override
  public String toString() {
    return "RobotModel[" + name + ", " + links.size() + " links, " + joints.size() + " joints, "
        + actuatedJointNames.size() + " actuated, root " + rootLink + ", from " + source + "]";
  }
}
