package ai.curate.mcap.ros2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a {@code ros2msg} schema, as MCAP writers store it: the root message definition, then each dependency after
 * a line of {@code =} characters and a line {@code MSG: pkg/Type}. Handles comments, constants ({@code int32 FOO=1},
 * not fields), defaults ({@code int32 x 5}, fields), bounded strings, fixed, bounded and unbounded arrays, and nested
 * types named {@code pkg/Type}, {@code pkg/msg/Type} or by bare name within the same package ({@code Header} alone
 * means {@code std_msgs/Header}). {@code builtin_interfaces/Time} and {@code Duration} are defined here when the
 * schema omits them. Any error is a {@link MessageDecodingException.Kind#SCHEMA_UNPARSABLE} naming the line.
 */
public final class Ros2MsgSchemaParser {
  private static final Pattern SEPARATOR = Pattern.compile("^={3,}$");
  private static final Pattern TYPE = Pattern
      .compile("^([A-Za-z][A-Za-z0-9_/]*)(?:<=(\\d+))?(?:\\[(?:(<=)?(\\d+))?\\])?$");
  private static final Pattern CONSTANT = Pattern.compile("^([A-Za-z][A-Za-z0-9_]*)\\s*=\\s*(.*)$");
  private static final Pattern FIELD = Pattern.compile("^([A-Za-z][A-Za-z0-9_]*)(?:\\s+(.+))?$");

  private final String schemaName;

  /** One line that declared a field, kept to name it when a referenced type is missing. */
  private record Declared(MessageField field, int line, String text) {}

  /** A definition being read: its name, package, fields and constants. */
  private static final class Section {
    final String name;
    final String pkg;
    final List<Declared> fields = new ArrayList<>();
    final List<MessageConstant> constants = new ArrayList<>();
    /** The definition's lines without comments or blank lines, to compare a repeated definition. */
    final List<String> lines = new ArrayList<>();
    /** The {@code MSG:} line that began it (0 for the root), to name it in an error. */
    final int line;
    final String text;

    Section(String name, int line, String text) {
      this.name = name;
      this.line = line;
      this.text = text;
      this.pkg = name.substring(0, name.indexOf('/'));
    }
  }

  private Ros2MsgSchemaParser(String schemaName) {
    this.schemaName = schemaName;
  }

  /** Parses {@code text}, the schema of the root message {@code schemaName} ({@code pkg/msg/Type}). */
  public static MessageSchema parse(String schemaName, String text) {
    return new Ros2MsgSchemaParser(schemaName).parse(text);
  }

  private MessageSchema parse(String text) {
    String rootName = fullName(schemaName).orElseThrow(() -> MessageDecodingException
        .schema("schema name '" + schemaName + "' is not of the form pkg/Type or pkg/msg/Type"));
    Map<String, Section> sections = new LinkedHashMap<>();
    Section current = new Section(rootName, 0, "");
    sections.put(rootName, current);
    List<Section> repeated = new ArrayList<>();
    String[] lines = text.split("\\r?\\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String raw = lines[i];
      String line = stripComment(raw).strip();
      if (line.isEmpty() || SEPARATOR.matcher(line).matches()) {
        continue;
      }
      if (line.startsWith("MSG:")) {
        String declared = line.substring(4).strip();
        String name = fullName(declared).orElseThrow(() -> error(lineNo, raw, "'" + declared
            + "' is not of the form pkg/Type or pkg/msg/Type"));
        current = new Section(name, lineNo, raw);
        if (sections.containsKey(name)) {
          repeated.add(current);
        } else {
          sections.put(name, current);
        }
      } else if (line.startsWith("IDL:")) {
        throw error(lineNo, raw, "an IDL section: this is a ros2idl schema, not ros2msg");
      } else {
        parseLine(current, line, lineNo, raw);
        current.lines.add(line.replaceAll("\\s+", " "));
      }
    }
    // Some writers repeat a dependency that several fields use; a repeat is harmless only if it is the same.
    for (Section again : repeated) {
      if (!again.lines.equals(sections.get(again.name).lines)) {
        throw error(again.line, again.text, "type " + again.name + " is defined twice, differently");
      }
    }
    addBuiltinTime(sections);
    return resolve(sections.get(rootName), sections);
  }

  private void parseLine(Section section, String line, int lineNo, String raw) {
    String[] typeAndRest = line.split("\\s+", 2);
    if (typeAndRest.length < 2) {
      throw error(lineNo, raw, "expected '<type> <name>'");
    }
    Matcher type = TYPE.matcher(typeAndRest[0]);
    if (!type.matches()) {
      throw error(lineNo, raw, "'" + typeAndRest[0] + "' is not a type");
    }
    FieldType fieldType = fieldType(section, type, lineNo, raw);
    String rest = typeAndRest[1].strip();
    Matcher constant = CONSTANT.matcher(rest);
    if (constant.matches()) {
      if (!fieldType.isPrimitive() || fieldType.isArray()) {
        throw error(lineNo, raw, "a constant must have a primitive, non-array type");
      }
      Object value = literal(() -> LiteralParser.scalar(fieldType.primitive(), constant.group(2)), lineNo, raw);
      section.constants.add(new MessageConstant(constant.group(1), fieldType.primitive(), value));
      return;
    }
    Matcher field = FIELD.matcher(rest);
    if (!field.matches()) {
      throw error(lineNo, raw, "'" + rest + "' is not a field name (with an optional default value)");
    }
    String name = field.group(1);
    for (Declared existing : section.fields) {
      if (existing.field().name().equals(name)) {
        throw error(lineNo, raw, "field '" + name + "' is declared twice");
      }
    }
    Object defaultValue = null;
    if (field.group(2) != null) {
      defaultValue = defaultValue(fieldType, field.group(2), lineNo, raw);
    }
    section.fields.add(new Declared(new MessageField(name, fieldType, defaultValue), lineNo, raw));
  }

  private FieldType fieldType(Section section, Matcher type, int lineNo, String raw) {
    String base = type.group(1);
    int stringBound = type.group(2) == null ? -1 : parseCount(type.group(2), lineNo, raw);
    FieldType.ArrayKind array;
    int length = -1;
    if (!type.group(0).contains("[")) {
      array = FieldType.ArrayKind.NONE;
    } else if (type.group(4) == null) {
      array = FieldType.ArrayKind.UNBOUNDED;
    } else {
      array = type.group(3) != null ? FieldType.ArrayKind.BOUNDED : FieldType.ArrayKind.FIXED;
      length = parseCount(type.group(4), lineNo, raw);
    }
    Optional<PrimitiveType> primitive = PrimitiveType.byRosName(base);
    if (stringBound >= 0 && (primitive.isEmpty() || !primitive.get().isString())) {
      throw error(lineNo, raw, "only string and wstring take a bound '<=N'");
    }
    if (primitive.isPresent()) {
      return new FieldType(primitive.get(), null, stringBound, array, length);
    }
    return new FieldType(null, messageTypeName(section, base, lineNo, raw), -1, array, length);
  }

  private String messageTypeName(Section section, String base, int lineNo, String raw) {
    if (base.equals("time")) {
      return "builtin_interfaces/Time";
    } else if (base.equals("duration")) {
      return "builtin_interfaces/Duration";
    } else if (base.contains("/")) {
      return fullName(base).orElseThrow(() -> error(lineNo, raw, "'" + base + "' is not pkg/Type or pkg/msg/Type"));
    } else if (base.equals("Header")) {
      return "std_msgs/Header";
    }
    return section.pkg + "/" + base;
  }

  private Object defaultValue(FieldType type, String text, int lineNo, String raw) {
    if (!type.isPrimitive()) {
      throw error(lineNo, raw, "a field of a message type cannot have a default value");
    }
    if (!type.isArray()) {
      return literal(() -> LiteralParser.scalar(type.primitive(), text), lineNo, raw);
    }
    Object value = literal(() -> LiteralParser.array(type.primitive(), text), lineNo, raw);
    int n = ValueModel.length(value);
    boolean fits = switch (type.array()) {
      case FIXED -> n == type.arrayLength();
      case BOUNDED -> n <= type.arrayLength();
      default -> true;
    };
    if (!fits) {
      throw error(lineNo, raw, "the default has " + n + " elements, the type " + type + " does not allow that");
    }
    return value;
  }

  private Object literal(Supplier<Object> parse, int lineNo, String raw) {
    try {
      return parse.get();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw error(lineNo, raw, e.getMessage());
    }
  }

  private int parseCount(String digits, int lineNo, String raw) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw error(lineNo, raw, digits + " is too large");
    }
  }

  /** ROS 2 ships these as dependencies; some writers leave them out, and ROS 1 style {@code time} means them. */
  private static void addBuiltinTime(Map<String, Section> sections) {
    for (String name : List.of("builtin_interfaces/Time", "builtin_interfaces/Duration")) {
      if (!sections.containsKey(name)) {
        Section section = new Section(name, 0, "(builtin)");
        section.fields.add(builtin("sec", PrimitiveType.INT32));
        section.fields.add(builtin("nanosec", PrimitiveType.UINT32));
        sections.put(name, section);
      }
    }
  }

  private static Declared builtin(String name, PrimitiveType type) {
    return new Declared(new MessageField(name, new FieldType(type, null, -1, FieldType.ArrayKind.NONE, -1), null),
        0, "(builtin)");
  }

  /** Keeps the root and the types it reaches; checks every reference resolves and nothing contains itself. */
  private MessageSchema resolve(Section root, Map<String, Section> sections) {
    Map<String, MessageType> types = new HashMap<>();
    visit(root, sections, types, new HashSet<>());
    return new MessageSchema(types.get(root.name), types);
  }

  private void visit(Section section, Map<String, Section> sections, Map<String, MessageType> done,
      Set<String> inProgress) {
    if (done.containsKey(section.name)) {
      return;
    }
    inProgress.add(section.name);
    for (Declared declared : section.fields) {
      String nested = declared.field().type().messageType();
      if (nested == null) {
        continue;
      }
      Section target = sections.get(nested);
      if (target == null) {
        throw error(declared.line(), declared.text(), "type " + nested + " (in " + section.name
            + ") is not defined in the schema");
      }
      if (inProgress.contains(nested)) {
        throw error(declared.line(), declared.text(), "type " + nested + " contains itself");
      }
      visit(target, sections, done, inProgress);
    }
    inProgress.remove(section.name);
    done.put(section.name,
        new MessageType(section.name, section.fields.stream().map(Declared::field).toList(), section.constants));
  }

  /** {@code pkg/Type} for {@code pkg/Type} or {@code pkg/msg/Type}. */
  static Optional<String> fullName(String name) {
    String[] parts = name.strip().split("/", -1);
    for (String part : parts) {
      if (!part.matches("[A-Za-z][A-Za-z0-9_]*")) {
        return Optional.empty();
      }
    }
    if (parts.length == 2) {
      return Optional.of(parts[0] + "/" + parts[1]);
    } else if (parts.length == 3 && parts[1].equals("msg")) {
      return Optional.of(parts[0] + "/" + parts[2]);
    }
    return Optional.empty();
  }

  /** Drops a {@code #} comment, except inside a quoted string value. */
  private static String stripComment(String line) {
    int hash = LiteralParser.indexOutsideQuotes(line, '#', 0);
    return hash < 0 ? line : line.substring(0, hash);
  }

  private MessageDecodingException error(int lineNo, String raw, String reason) {
    return MessageDecodingException
        .schema("schema " + schemaName + ", line " + lineNo + " ('" + raw.strip() + "'): " + reason);
  }
}
