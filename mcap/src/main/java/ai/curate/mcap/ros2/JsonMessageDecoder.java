package ai.curate.mcap.ros2;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Decodes {@code json} messages (MCAP message encoding {@code json}) with Jackson into the {@link ValueModel}.
 * Objects become {@code LinkedHashMap}s in document order; integers the smallest of Integer, Long, BigInteger that
 * holds them; other numbers Double. Where the channel's JSON Schema says so (through nested {@code properties} and
 * {@code items}; {@code $ref} is not followed), values take the model's typed forms as CDR ones do: an array whose
 * {@code items} are {@code number} becomes {@code double[]}, {@code integer} {@code long[]}, {@code boolean}
 * {@code boolean[]}; a {@code string} with {@code "contentEncoding": "base64"} becomes {@code byte[]}. Anything else
 * (no schema, a mixed array) stays generic: arrays are {@code List<Object>}.
 */
public final class JsonMessageDecoder implements MessageDecoder {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final String schemaName;
  private final JsonNode schema;

  /**
   * A decoder for messages of {@code schemaName} described by {@code schemaData} (a JSON Schema, or empty for
   * none); SCHEMA_UNPARSABLE when the schema is not JSON.
   */
  public JsonMessageDecoder(String schemaName, byte[] schemaData) {
    this.schemaName = schemaName;
    this.schema = schemaData.length == 0 ? null : parseSchema(schemaName, schemaData);
  }

  private static JsonNode parseSchema(String schemaName, byte[] schemaData) {
    try {
      return MAPPER.readTree(schemaData);
    } catch (IOException e) {
      throw MessageDecodingException.schema("JSON schema " + schemaName + " is not JSON: " + summary(e));
    }
  }

  @Override
  public Map<String, Object> decode(byte[] message) {
    JsonNode root;
    try {
      root = MAPPER.readTree(message);
    } catch (IOException e) {
      throw MessageDecodingException.message(schemaName + ": message is not JSON: " + summary(e));
    }
    if (root == null || root.isMissingNode()) {
      throw MessageDecodingException.message(schemaName + ": JSON message is empty");
    } else if (!root.isObject()) {
      throw MessageDecodingException.message(schemaName + ": JSON message is not an object but "
          + root.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    return object(root, schema, "");
  }

  private Map<String, Object> object(JsonNode node, JsonNode shape, String path) {
    JsonNode properties = shape == null ? null : shape.get("properties");
    Map<String, Object> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      JsonNode fieldShape = properties == null ? null : properties.get(name);
      out.put(name, value(entry.getValue(), fieldShape, path.isEmpty() ? name : path + "." + name));
    }
    return out;
  }

  private Object value(JsonNode node, JsonNode shape, String path) {
    switch (node.getNodeType()) {
      case OBJECT :
        return object(node, shape, path);
      case ARRAY :
        return array(node, shape == null ? null : shape.get("items"), path);
      case STRING :
        return shape != null && "base64".equals(shape.path("contentEncoding").asText())
            ? base64(node.textValue(), path)
            : node.textValue();
      case BOOLEAN :
        return node.booleanValue();
      case NUMBER :
        return number(node);
      default :
        return null;
    }
  }

  private Object array(JsonNode node, JsonNode items, String path) {
    String itemType = items == null ? "" : items.path("type").asText();
    int n = node.size();
    if (itemType.equals("number") && all(node, JsonNode::isNumber)) {
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = node.get(i).doubleValue();
      }
      return out;
    } else if (itemType.equals("integer") && all(node, e -> e.isIntegralNumber() && e.canConvertToLong())) {
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        out[i] = node.get(i).longValue();
      }
      return out;
    } else if (itemType.equals("boolean") && all(node, JsonNode::isBoolean)) {
      boolean[] out = new boolean[n];
      for (int i = 0; i < n; i++) {
        out[i] = node.get(i).booleanValue();
      }
      return out;
    }
    List<Object> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(value(node.get(i), items, path + "[" + i + "]"));
    }
    return out;
  }

  private static boolean all(JsonNode array, Predicate<JsonNode> test) {
    for (JsonNode e : array) {
      if (!test.test(e)) {
        return false;
      }
    }
    return true;
  }

  private static Object number(JsonNode node) {
    if (node.isIntegralNumber()) {
      BigInteger value = node.bigIntegerValue();
      if (value.bitLength() < 32) {
        return value.intValue();
      }
      return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }
    return node.doubleValue();
  }

  private byte[] base64(String text, String path) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw MessageDecodingException.message(schemaName + ", field " + path + ": not base64: " + e.getMessage());
    }
  }

  private static String summary(IOException e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() + " at " + location(j) : e.getMessage();
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "?" : "byte " + e.getLocation().getByteOffset();
  }
}
