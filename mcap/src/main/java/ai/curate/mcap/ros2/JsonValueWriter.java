package ai.curate.mcap.ros2;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes a value of the {@link ValueModel} as JSON (for {@code curate mcap cat}): maps as objects in their own
 * (schema) order; {@code byte[]} as a base64 string; integers exact (a {@code uint64} above {@link Long#MAX_VALUE}
 * as an exact JSON number); {@link Uint64Array} elements unsigned. JSON has no NaN or infinities, so non-finite
 * floats are written as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 */
public final class JsonValueWriter {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonValueWriter() {}

  /** {@code value} as one line of JSON. */
  public static String toJson(Object value) {
    StringWriter out = new StringWriter();
    write(value, out);
    return out.toString();
  }

  /** Writes {@code value} as JSON to {@code out} (not closed). */
  public static void write(Object value, Writer out) {
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      value(json, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void value(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        json.writeFieldName(String.valueOf(entry.getKey()));
        value(json, entry.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object item : list) {
        value(json, item);
      }
      json.writeEndArray();
    } else if (value instanceof String s) {
      json.writeString(s);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Double d) {
      floating(json, d);
    } else if (value instanceof Float f) {
      floating(json, f);
    } else if (value instanceof BigInteger b) {
      json.writeNumber(b);
    } else if (value instanceof Number n) {
      json.writeNumber(n.longValue());
    } else if (value instanceof byte[] bytes) {
      json.writeBinary(bytes);
    } else {
      array(json, value);
    }
  }

  private static void array(JsonGenerator json, Object value) throws IOException {
    json.writeStartArray();
    if (value instanceof double[] a) {
      for (double d : a) {
        floating(json, d);
      }
    } else if (value instanceof float[] a) {
      for (float f : a) {
        floating(json, f);
      }
    } else if (value instanceof int[] a) {
      for (int i : a) {
        json.writeNumber(i);
      }
    } else if (value instanceof long[] a) {
      for (long l : a) {
        json.writeNumber(l);
      }
    } else if (value instanceof short[] a) {
      for (short s : a) {
        json.writeNumber(s);
      }
    } else if (value instanceof boolean[] a) {
      for (boolean b : a) {
        json.writeBoolean(b);
      }
    } else if (value instanceof Uint64Array a) {
      for (long bits : a.bits()) {
        json.writeNumber(Long.toUnsignedString(bits)); // an exact number, not a string
      }
    } else {
      throw new IllegalArgumentException("not a value of the model: " + value.getClass().getName());
    }
    json.writeEndArray();
  }

  private static void floating(JsonGenerator json, double d) throws IOException {
    if (Double.isFinite(d)) {
      json.writeNumber(d);
    } else {
      nonFinite(json, d);
    }
  }

  /** Its own overload, as writeNumber(float) prints the float's shortest digits, not those of its double widening. */
  private static void floating(JsonGenerator json, float f) throws IOException {
    if (Float.isFinite(f)) {
      json.writeNumber(f);
    } else {
      nonFinite(json, f); // widening keeps NaN and the infinities
    }
  }

  /** JSON has no NaN or infinities: they are written as the strings JavaScript prints for them. */
  private static void nonFinite(JsonGenerator json, double d) throws IOException {
    json.writeString(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
  }
}
