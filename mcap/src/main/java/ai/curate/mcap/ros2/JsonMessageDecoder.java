package ai.curate.mcap.ros2;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes {@code json} messages (MCAP message encoding {@code json}) with Jackson into the {@link ValueModel}'s
 * generic form: objects are {@code LinkedHashMap}s in document order, arrays {@code List<Object>}, integers the
 * smallest of Integer, Long, BigInteger that holds them, other numbers Double. The JSON schema, if any, is only
 * checked to be JSON: types are taken from the message itself.
 */
public final class JsonMessageDecoder implements MessageDecoder {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final String schemaName;

  public JsonMessageDecoder(String schemaName) {
    this.schemaName = schemaName;
  }

  /** Checks that a {@code jsonschema} schema is at least JSON; SCHEMA_UNPARSABLE if not. */
  static void checkSchema(String schemaName, byte[] schemaData) {
    if (schemaData.length == 0) {
      return;
    }
    try {
      MAPPER.readTree(schemaData);
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
    return object(root);
  }

  private static Map<String, Object> object(JsonNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> entry = it.next();
      out.put(entry.getKey(), value(entry.getValue()));
    }
    return out;
  }

  private static Object value(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT :
        return object(node);
      case ARRAY : {
        List<Object> out = new ArrayList<>(node.size());
        node.forEach(item -> out.add(value(item)));
        return out;
      }
      case STRING :
        return node.textValue();
      case BOOLEAN :
        return node.booleanValue();
      case NUMBER :
        if (node.isIntegralNumber()) {
          BigInteger value = node.bigIntegerValue();
          if (value.bitLength() < 32) {
            return value.intValue();
          }
          return value.bitLength() < 64 ? (Object) value.longValue() : value;
        }
        return node.doubleValue();
      default :
        return null;
    }
  }

  private static String summary(IOException e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() + " at " + location(j) : e.getMessage();
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "?" : "byte " + e.getLocation().getByteOffset();
  }
}
