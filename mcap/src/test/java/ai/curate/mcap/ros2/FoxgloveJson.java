package ai.curate.mcap.ros2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message of the value model in the JSON form the ros2-*.mjs scripts exchange with Foxglove's libraries: 64-bit
 * integers as decimal strings (JSON numbers lose precision), non-finite floats as "NaN"/"Infinity"/"-Infinity",
 * every array a JSON array of numbers or booleans (signed or not as the schema's element type says).
 */
final class FoxgloveJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private FoxgloveJson() {}

  static Map<String, Object> of(MessageSchema schema, Map<String, Object> message) {
    return struct(schema, schema.root(), message);
  }

  private static Map<String, Object> struct(MessageSchema schema, MessageType type, Map<?, ?> message) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (MessageField field : type.fields()) {
      Object value = message.get(field.name());
      FieldType t = field.type();
      if (!t.isPrimitive()) {
        MessageType nested = schema.type(t.messageType());
        out.put(field.name(), t.isArray()
            ? ((List<?>) value).stream().map(e -> struct(schema, nested, (Map<?, ?>) e)).toList()
            : struct(schema, nested, (Map<?, ?>) value));
      } else if (t.isArray()) {
        List<Object> items = new ArrayList<>();
        if (value instanceof Uint64Array u) {
          for (long bits : u.bits()) {
            items.add(Long.toUnsignedString(bits));
          }
        } else if (value instanceof List<?> list) {
          list.forEach(e -> items.add(scalar(t.primitive(), e)));
        } else {
          for (int i = 0; i < Array.getLength(value); i++) {
            Object e = Array.get(value, i);
            items.add(scalar(t.primitive(), e instanceof Byte b && t.primitive() != PrimitiveType.INT8 ? b & 0xff : e));
          }
        }
        out.put(field.name(), items);
      } else {
        out.put(field.name(), scalar(t.primitive(), value));
      }
    }
    return out;
  }

  private static Object scalar(PrimitiveType type, Object value) {
    if (type == PrimitiveType.INT64 || type == PrimitiveType.UINT64) {
      return value.toString();
    } else if (value instanceof Float f) {
      return Float.isFinite(f) ? (Object) f.doubleValue() : nonFinite(f);
    } else if (value instanceof Double d) {
      return Double.isFinite(d) ? d : nonFinite(d);
    }
    return value;
  }

  private static String nonFinite(double d) {
    return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
  }

  /** A JSON tree where every number is its exact decimal text, so 1, 1.0 and 1e0 compare equal. */
  static JsonNode comparable(JsonNode node) {
    if (node.isNumber()) {
      BigDecimal exact = node.isIntegralNumber() ? new BigDecimal(node.bigIntegerValue()) : node.decimalValue();
      return JsonNodeFactory.instance.textNode("#" + exact.stripTrailingZeros().toPlainString());
    } else if (node.isObject()) {
      var out = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(e.getKey(), comparable(e.getValue()));
      }
      return out;
    } else if (node.isArray()) {
      var out = JsonNodeFactory.instance.arrayNode();
      node.forEach(e -> out.add(comparable(e)));
      return out;
    }
    return node;
  }

}
