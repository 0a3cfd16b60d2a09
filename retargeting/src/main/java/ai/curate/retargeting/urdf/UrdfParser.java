package ai.curate.retargeting.urdf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the kinematic part of a URDF (links, joints, origins, axes, limits, mimic) with the JDK's
 * DOM parser and validates it into a {@link RobotModel}. Visual, collision, inertial, transmission
 * and simulator elements are ignored. Every problem is a {@link UrdfException} that names the file
 * and the joint or link at fault.
 *
 * <p>Lenient where urdfdom and KDL are and the meaning is unambiguous: what a fixed or floating
 * joint carries but cannot use (a {@code <mimic>}, an {@code <axis>} or {@code <limit>} it could not
 * read) is ignored and listed in {@link RobotModel#warning()}; what cannot be computed (a missing
 * range on a revolute joint, a zero axis on a moving joint, a broken tree) is still refused.
 */
public final class UrdfParser {
  private UrdfParser() {}

  public static RobotModel parse(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new UrdfException("URDF file not found: " + file + "; check the path");
    } catch (IOException e) {
      throw new UrdfException("cannot read URDF " + file + ": " + e.getMessage(), e);
    }
  }

  /** @param sourceName how messages refer to this input (a path, a resource name) */
  public static RobotModel parse(InputStream in, String sourceName) {
    Document doc = readXml(in, sourceName);
    return new Reader(sourceName).read(doc);
  }

  private static Document readXml(InputStream in, String source) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      // A robot description never needs a DTD or external entities; refusing them keeps a
      // hostile file from reading local files or the network.
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setNamespaceAware(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(in);
    } catch (SAXParseException e) {
      throw new UrdfException("URDF " + source + " is not well-formed XML (line " + e.getLineNumber()
          + ", column " + e.getColumnNumber() + "): " + e.getMessage(), e);
    } catch (SAXException e) {
      throw new UrdfException("URDF " + source + " is not well-formed XML: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UrdfException("cannot read URDF " + source + ": " + e.getMessage(), e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser lacks a required feature", e);
    }
  }

  /** One parse: carries the source name for messages. */
  private static final class Reader {
    private final String source;
    private final IgnoredItems ignored = new IgnoredItems();

    Reader(String source) {
      this.source = source;
    }

    RobotModel read(Document doc) {
      Element robot = doc.getDocumentElement();
      if (!"robot".equals(robot.getTagName())) {
        throw error("the root element is <" + robot.getTagName() + ">, expected <robot>");
      }
      String robotName = robot.getAttribute("name");
      List<Link> links = new ArrayList<>();
      Map<String, Link> linksByName = new LinkedHashMap<>();
      List<Joint> joints = new ArrayList<>();
      Map<String, Joint> jointsByName = new LinkedHashMap<>();
      // Only direct children of <robot>: <transmission> and <gazebo> also contain <joint> elements.
      for (Element e : children(robot)) {
        switch (e.getTagName()) {
          case "link" -> {
            String n = requiredName(e, "link");
            if (linksByName.containsKey(n)) {
              throw error("link '" + n + "' is declared twice; link names must be unique");
            }
            Link l = new Link(n);
            links.add(l);
            linksByName.put(n, l);
          }
          case "joint" -> {
            Joint j = readJoint(e);
            if (jointsByName.containsKey(j.name())) {
              throw error("joint '" + j.name() + "' is declared twice; joint names must be unique");
            }
            joints.add(j);
            jointsByName.put(j.name(), j);
          }
          default -> {
          }
        }
      }
      if (links.isEmpty()) {
        throw error("declares no <link>; a robot needs at least one link");
      }
      String root = validateTree(links, linksByName, joints);
      validateMimics(jointsByName);
      return new RobotModel(robotName, source, links, joints, root, ignored.summary(source));
    }

    private Joint readJoint(Element e) {
      String name = requiredName(e, "joint");
      String typeName = e.getAttribute("type");
      JointType type = JointType.fromUrdf(typeName);
      if (type == null) {
        throw error("joint '" + name + "' has " + (typeName.isEmpty() ? "no type" : "unknown type '" + typeName + "'")
            + "; supported types are revolute, continuous, prismatic, fixed, floating");
      }
      String parent = linkRef(e, "parent", name);
      String child = linkRef(e, "child", name);
      Vec3 xyz = Vec3.ZERO;
      Vec3 rpy = Vec3.ZERO;
      Element origin = firstChild(e, "origin");
      if (origin != null) {
        xyz = vec3(origin, "xyz", Vec3.ZERO, name);
        rpy = vec3(origin, "rpy", Vec3.ZERO, name);
      }
      Vec3 axis = new Vec3(1, 0, 0);
      Element axisEl = firstChild(e, "axis");
      if (axisEl != null && type.isOneDof()) {
        axis = vec3(axisEl, "xyz", axis, name);
      } else if (axisEl != null) {
        // urdfdom does not read the axis of a fixed or floating joint: nothing moves along it.
        axis = unused(type, name, "axis", () -> vec3(axisEl, "xyz", new Vec3(1, 0, 0), name), new Vec3(1, 0, 0));
      }
      if (type.isOneDof()) {
        if (axis.norm() < 1e-12) {
          throw error("joint '" + name + "' has a zero axis; give <axis xyz=\"...\"/> a non-zero direction");
        }
        axis = axis.normalized();
      }
      double lower = Double.NEGATIVE_INFINITY;
      double upper = Double.POSITIVE_INFINITY;
      double velocity = Double.POSITIVE_INFINITY;
      double effort = Double.POSITIVE_INFINITY;
      Element limit = firstChild(e, "limit");
      boolean needsRange = type == JointType.REVOLUTE || type == JointType.PRISMATIC;
      if (needsRange && limit == null) {
        throw error(
            "joint '" + name + "' (" + type.urdfName() + ") has no <limit>; add <limit lower=\"..\" upper=\"..\" "
                + "effort=\"..\" velocity=\"..\"/> (or make it continuous if it truly has no range)");
      }
      if (limit != null && !type.isOneDof()) {
        // A fixed or floating joint has no coordinate to limit; a limit it cannot use is not worth refusing the file.
        double[] ve = unused(type, name, "limit", () -> velocityAndEffort(limit, name), null);
        if (ve != null) {
          velocity = ve[0];
          effort = ve[1];
        }
      } else if (limit != null) {
        double[] ve = velocityAndEffort(limit, name);
        velocity = ve[0];
        effort = ve[1];
        if (needsRange) {
          // URDF's defaults for lower/upper are 0.
          lower = number(limit, "lower", 0.0, name);
          upper = number(limit, "upper", 0.0, name);
          if (lower > upper) {
            throw error("joint '" + name + "' has lower limit " + lower + " above upper limit " + upper);
          }
        }
      }
      Mimic mimic = null;
      Element mimicEl = firstChild(e, "mimic");
      if (mimicEl != null && !type.isOneDof()) {
        // urdfdom and KDL load it: a joint without a coordinate has nothing to copy.
        ignored.add("<mimic> on " + type.urdfName() + " joints", name);
      } else if (mimicEl != null) {
        String src = mimicEl.getAttribute("joint");
        if (src.isEmpty()) {
          throw error("joint '" + name + "' has <mimic> without a joint attribute");
        }
        mimic = new Mimic(src, number(mimicEl, "multiplier", 1.0, name), number(mimicEl, "offset", 0.0, name));
      }
      return new Joint(name, type, parent, child, xyz, rpy, axis, lower, upper, velocity, effort, mimic);
    }

    /** URDF requires both effort and velocity in a {@code <limit>}. */
    private double[] velocityAndEffort(Element limit, String name) {
      double velocity = number(limit, "velocity", Double.NaN, name);
      double effort = number(limit, "effort", Double.NaN, name);
      if (Double.isNaN(velocity) || Double.isNaN(effort)) {
        throw error("joint '" + name + "' has a <limit> without " + (Double.isNaN(velocity) ? "velocity" : "effort")
            + "; URDF requires both effort and velocity");
      }
      return new double[] {velocity, effort};
    }

    /**
     * Reads an element a fixed or floating joint does not use; if it is malformed, it is ignored
     * (noted for the warning) and {@code fallback} is returned instead of refusing the file.
     */
    private <T> T unused(JointType type, String joint, String tag, Supplier<T> read, T fallback) {
      try {
        return read.get();
      } catch (UrdfException e) {
        ignored.add("unreadable <" + tag + "> on " + type.urdfName() + " joints", joint);
        return fallback;
      }
    }

    /** Checks the joints form one tree over the links and returns its root link. */
    private String validateTree(List<Link> links, Map<String, Link> linksByName, List<Joint> joints) {
      Map<String, Joint> parentOf = new LinkedHashMap<>();
      Map<String, List<String>> childrenOf = new LinkedHashMap<>();
      for (Joint j : joints) {
        if (!linksByName.containsKey(j.parent())) {
          throw error("joint '" + j.name() + "' has unknown parent link '" + j.parent() + "'; declare <link name=\""
              + j.parent() + "\"/> or correct the joint's <parent>");
        }
        if (!linksByName.containsKey(j.child())) {
          throw error("joint '" + j.name() + "' has unknown child link '" + j.child() + "'; declare <link name=\""
              + j.child() + "\"/> or correct the joint's <child>");
        }
        if (j.parent().equals(j.child())) {
          throw error("joint '" + j.name() + "' connects link '" + j.parent() + "' to itself");
        }
        Joint previous = parentOf.put(j.child(), j);
        if (previous != null) {
          throw error("link '" + j.child() + "' is the child of two joints ('" + previous.name() + "' and '" + j.name()
              + "'); a kinematic tree gives each link one parent");
        }
        childrenOf.computeIfAbsent(j.parent(), k -> new ArrayList<>()).add(j.child());
      }
      List<String> roots = links.stream().map(Link::name).filter(n -> !parentOf.containsKey(n)).toList();
      if (roots.isEmpty()) {
        throw error("has no root link: the joints form a cycle through " + cycleFrom(links.get(0).name(), parentOf));
      }
      if (roots.size() > 1) {
        throw error("has " + roots.size() + " root links " + RobotModel.abbreviate(roots)
            + "; all links must hang from one root: connect them with joints or remove the unused links");
      }
      String root = roots.get(0);
      Set<String> reached = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>();
      todo.add(root);
      while (!todo.isEmpty()) {
        String l = todo.pop();
        reached.add(l);
        todo.addAll(childrenOf.getOrDefault(l, List.of()));
      }
      for (Link l : links) {
        if (!reached.contains(l.name())) {
          // Every non-root link has exactly one parent, so a link the root cannot reach sits on a cycle.
          throw error("the joints form a cycle through " + cycleFrom(l.name(), parentOf)
              + "; a kinematic tree cannot loop back");
        }
      }
      return root;
    }

    private String cycleFrom(String start, Map<String, Joint> parentOf) {
      Set<String> seen = new LinkedHashSet<>();
      String l = start;
      while (!seen.contains(l)) {
        seen.add(l);
        l = parentOf.get(l).parent();
      }
      // l is now on the cycle: list the cycle's joints from there
      List<String> cycle = new ArrayList<>();
      String c = l;
      do {
        Joint j = parentOf.get(c);
        cycle.add(j.name());
        c = j.parent();
      } while (!c.equals(l));
      return "joints " + cycle;
    }

    private void validateMimics(Map<String, Joint> jointsByName) {
      for (Joint j : jointsByName.values()) {
        if (!j.isMimic()) {
          continue;
        }
        Set<String> seen = new LinkedHashSet<>();
        Joint cur = j;
        while (cur.isMimic()) {
          if (!seen.add(cur.name())) {
            throw error("mimic joints form a cycle " + seen + "; one joint in the chain must be actuated");
          }
          Joint src = jointsByName.get(cur.mimic().joint());
          if (src == null) {
            throw error("joint '" + cur.name() + "' mimics unknown joint '" + cur.mimic().joint() + "'");
          }
          if (!src.type().isOneDof()) {
            throw error("joint '" + cur.name() + "' mimics '" + src.name() + "', a " + src.type().urdfName()
                + " joint; the source must be revolute, continuous or prismatic");
          }
          cur = src;
        }
      }
    }

    private String linkRef(Element joint, String tag, String jointName) {
      Element el = firstChild(joint, tag);
      if (el == null || el.getAttribute("link").isEmpty()) {
        throw error("joint '" + jointName + "' has no <" + tag + " link=\"...\"/>");
      }
      return el.getAttribute("link");
    }

    private String requiredName(Element e, String what) {
      String n = e.getAttribute("name");
      if (n.isEmpty()) {
        throw error("a <" + what + "> has no name attribute");
      }
      return n;
    }

    private Vec3 vec3(Element e, String attr, Vec3 dflt, String jointName) {
      if (!e.hasAttribute(attr)) {
        return dflt;
      }
      String raw = e.getAttribute(attr).trim();
      String[] parts = raw.isEmpty() ? new String[0] : raw.split("\\s+");
      if (parts.length != 3) {
        throw error("joint '" + jointName + "': <" + e.getTagName() + " " + attr + "=\"" + raw
            + "\"> needs three numbers separated by spaces");
      }
      double[] v = new double[3];
      for (int i = 0; i < 3; i++) {
        v[i] = parseDouble(parts[i], e, attr, jointName);
      }
      return new Vec3(v[0], v[1], v[2]);
    }

    private double number(Element e, String attr, double dflt, String jointName) {
      if (!e.hasAttribute(attr)) {
        return dflt;
      }
      return parseDouble(e.getAttribute(attr).trim(), e, attr, jointName);
    }

    private double parseDouble(String s, Element e, String attr, String jointName) {
      try {
        double d = Double.parseDouble(s);
        if (!Double.isFinite(d)) {
          throw new NumberFormatException();
        }
        return d;
      } catch (NumberFormatException ex) {
        throw error("joint '" + jointName + "': <" + e.getTagName() + " " + attr + "> has '" + s
            + "', which is not a finite number");
      }
    }

    private UrdfException error(String what) {
      return new UrdfException("URDF " + source + ": " + what);
    }
  }

  private static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    NodeList nl = parent.getChildNodes();
    for (int i = 0; i < nl.getLength(); i++) {
      Node n = nl.item(i);
      if (n.getNodeType() == Node.ELEMENT_NODE) {
        out.add((Element) n);
      }
    }
    return out;
  }

  private static Element firstChild(Element parent, String tag) {
    for (Element e : children(parent)) {
      if (e.getTagName().equals(tag)) {
        return e;
      }
    }
    return null;
  }
}
