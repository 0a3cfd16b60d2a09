package ai.curate.mcap.ros2;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Encodes messages of the {@link ValueModel} to CDR for a parsed {@code ros2msg} schema, in any
 * {@link CdrRepresentation}; the inverse of {@link CdrMessageDecoder}. Accepts, besides the model's own types, any
 * Number for a numeric field (range-checked) and a {@code List} for any array. A field absent from the map is
 * written as its declared default, else as zero (false, 0, "", empty sequence, a fixed array of zeros), as
 * Foxglove's MessageWriter does. Bounds are enforced: a value that does not fit its type throws
 * IllegalArgumentException naming the field.
 */
public final class CdrMessageEncoder {
  private final MessageSchema schema;

  /** An encoder for {@code schema}; ENCODING_UNSUPPORTED when a field reachable from the root is a wstring. */
  public CdrMessageEncoder(MessageSchema schema) {
    schema.rejectWstring();
    this.schema = schema;
  }

  /** The CDR bytes of {@code message} in {@link CdrRepresentation#CDR_LE}, what ROS 2 writes. */
  public byte[] encode(Map<String, ?> message) {
    return encode(message, CdrRepresentation.CDR_LE);
  }

  /** The CDR bytes of {@code message}, encapsulation header first. */
  public byte[] encode(Map<String, ?> message, CdrRepresentation representation) {
    Writing writing = new Writing(new CdrWriter(representation, 256), representation.delimited());
    try {
      writing.struct(schema.root(), message);
    } catch (IllegalArgumentException | ClassCastException | ArithmeticException e) {
      throw new IllegalArgumentException(schema.root().name() + ", field " + writing.path + ": " + e.getMessage(), e);
    }
    return writing.out.toByteArray();
  }

  /** The state of encoding one message. */
  private final class Writing {
    final CdrWriter out;
    final boolean delimited;
    final FieldPath path = new FieldPath();

    Writing(CdrWriter out, boolean delimited) {
      this.out = out;
      this.delimited = delimited;
    }

    void struct(MessageType type, Map<?, ?> message) {
      int header = delimited ? out.reserveInt32() : -1;
      if (type.fields().isEmpty()) {
        out.int8(0);
      }
      for (MessageField field : type.fields()) {
        path.push(field.name());
        Object value = message == null ? null : message.get(field.name());
        value(field.type(), value != null ? value : field.defaultValue());
        path.pop();
      }
      closeDelimited(header);
    }

    private void closeDelimited(int header) {
      if (header >= 0) {
        out.patchInt32(header, out.offset() - header - 4);
      }
    }

    void value(FieldType type, Object value) {
      if (!type.isArray()) {
        if (type.isPrimitive()) {
          scalar(type.primitive(), type.stringBound(), value);
        } else {
          struct(schema.type(type.messageType()), (Map<?, ?>) value);
        }
        return;
      }
      boolean delimitedElements = delimited && (!type.isPrimitive() || type.primitive().isString());
      int header = delimitedElements ? out.reserveInt32() : -1;
      int n = value == null
          ? (type.array() == FieldType.ArrayKind.FIXED ? type.arrayLength() : 0)
          : ValueModel.length(value);
      if (n < 0) {
        throw new IllegalArgumentException("expected an array for " + type + ", got " + value.getClass().getName());
      }
      checkLength(type, n);
      if (type.isSequence()) {
        out.int32(n);
      }
      if (type.isPrimitive() && !type.primitive().isString()) {
        primitives(type.primitive(), value == null ? ValueModel.newPrimitiveArray(type.primitive(), n) : value);
      } else {
        MessageType element = type.isPrimitive() ? null : schema.type(type.messageType());
        List<?> list = value == null ? null : asList(value);
        for (int i = 0; i < n; i++) {
          path.pushIndex(i);
          Object item = list == null ? null : list.get(i);
          if (element == null) {
            scalar(type.primitive(), type.stringBound(), item == null ? "" : item);
          } else {
            struct(element, (Map<?, ?>) item);
          }
          path.pop();
        }
      }
      closeDelimited(header);
    }

    private void checkLength(FieldType type, int n) {
      if (type.array() == FieldType.ArrayKind.FIXED && n != type.arrayLength()
          || type.array() == FieldType.ArrayKind.BOUNDED && n > type.arrayLength()) {
        throw new IllegalArgumentException(n + " elements do not fit " + type);
      }
    }

    void scalar(PrimitiveType type, int stringBound, Object value) {
      Object v = value != null ? value : ValueModel.zero(type);
      switch (type) {
        case BOOL -> out.int8((Boolean) v ? 1 : 0);
        case BYTE, CHAR, INT8, UINT8 -> out.int8((int) integer(type, v));
        case INT16, UINT16 -> out.int16((int) integer(type, v));
        case INT32, UINT32 -> out.int32((int) integer(type, v));
        case INT64, UINT64 -> out.int64(integer(type, v));
        case FLOAT32 -> out.float32(((Number) v).floatValue());
        case FLOAT64 -> out.float64(((Number) v).doubleValue());
        case STRING -> {
          String s = (String) v;
          if (stringBound >= 0 && s.length() > stringBound) {
            throw new IllegalArgumentException("string of " + s.length() + " characters exceeds its bound "
                + stringBound);
          }
          out.string(s);
        }
        case WSTRING -> throw new IllegalStateException("wstring is rejected when the encoder is built");
      }
    }

    /** The bits to write for integer {@code value} of {@code type}, after checking it is in range. */
    private long integer(PrimitiveType type, Object value) {
      BigInteger exact = value instanceof BigInteger b ? b : BigInteger.valueOf(((Number) value).longValue());
      if (!(value instanceof BigInteger || value instanceof Long || value instanceof Integer
          || value instanceof Short || value instanceof Byte)) {
        throw new IllegalArgumentException(value + " is not an integer");
      }
      BigInteger[] range = ValueModel.range(type);
      if (exact.compareTo(range[0]) < 0 || exact.compareTo(range[1]) > 0) {
        throw new IllegalArgumentException(value + " is out of range for " + type.rosName());
      }
      return exact.longValue();
    }

    void primitives(PrimitiveType type, Object value) {
      if (value instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          path.pushIndex(i);
          scalar(type, -1, list.get(i));
          path.pop();
        }
        return;
      }
      switch (type) {
        case BOOL -> {
          for (boolean b : (boolean[]) value) {
            out.int8(b ? 1 : 0);
          }
        }
        case BYTE, CHAR, INT8, UINT8 -> out.bytes((byte[]) value);
        case INT16 -> {
          for (short s : (short[]) value) {
            out.int16(s);
          }
        }
        case UINT16 -> {
          for (int i : (int[]) value) {
            out.int16((int) integer(type, i));
          }
        }
        case INT32 -> {
          for (int i : (int[]) value) {
            out.int32(i);
          }
        }
        case UINT32 -> {
          for (long l : (long[]) value) {
            out.int32((int) integer(type, l));
          }
        }
        case INT64 -> {
          for (long l : (long[]) value) {
            out.int64(l);
          }
        }
        case UINT64 -> {
          for (long l : value instanceof Uint64Array u ? u.bits() : (long[]) value) {
            out.int64(l);
          }
        }
        case FLOAT32 -> {
          for (float f : (float[]) value) {
            out.float32(f);
          }
        }
        case FLOAT64 -> {
          for (double d : (double[]) value) {
            out.float64(d);
          }
        }
        default -> throw new IllegalStateException(type + " is not a fixed-size primitive");
      }
    }

    private List<?> asList(Object value) {
      if (value instanceof List<?> list) {
        return list;
      }
      throw new IllegalArgumentException("expected a List, got " + value.getClass().getName());
    }
  }
}
