package ai.curate.mcap.ros2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes CDR messages (XCDR1 and XCDR2, either byte order, plain or delimited; the representation is read from
 * each message's encapsulation header) driven by a parsed {@code ros2msg} schema. Follows Foxglove's
 * {@code @foxglove/rosmsg2-serialization} MessageReader: fixed arrays carry no count, sequences a u32 count, a
 * message without fields one placeholder byte. Lenient like it on bounds: a string or sequence longer than its
 * declared bound is accepted. Trailing bytes after the message are ignored (CDR allows padding).
 */
public final class CdrMessageDecoder implements MessageDecoder {
  private final MessageSchema schema;

  /** A decoder for {@code schema}; ENCODING_UNSUPPORTED when a field reachable from the root is a wstring. */
  public CdrMessageDecoder(MessageSchema schema) {
    schema.rejectWstring();
    this.schema = schema;
  }

  public MessageSchema schema() {
    return schema;
  }

  @Override
  public Map<String, Object> decode(byte[] message) {
    if (message.length < CdrReader.HEADER) {
      throw MessageDecodingException.message(schema.root().name() + ": CDR message of " + message.length
          + " bytes is shorter than its 4-byte encapsulation header");
    }
    CdrRepresentation representation;
    try {
      representation = CdrRepresentation.of(message[1] & 0xff);
    } catch (MessageDecodingException e) {
      throw new MessageDecodingException(e.kind(), schema.root().name() + ": " + e.detail());
    }
    Reading reading = new Reading(new CdrReader(message, representation), representation.delimited());
    try {
      return reading.struct(schema.root());
    } catch (CdrReader.CdrUnderflowException | CdrReader.CdrMalformedException e) {
      throw MessageDecodingException.message(schema.root().name() + " (" + representation + ", " + message.length
          + " bytes), field " + reading.path + ": " + e.getMessage());
    }
  }

  /** The state of decoding one message. */
  private final class Reading {
    final CdrReader in;
    final boolean delimited;
    final FieldPath path = new FieldPath();

    Reading(CdrReader in, boolean delimited) {
      this.in = in;
      this.delimited = delimited;
    }

    Map<String, Object> struct(MessageType type) {
      int end = delimited ? delimiterEnd(type.name()) : -1;
      List<MessageField> fields = type.fields();
      Map<String, Object> out = new LinkedHashMap<>(fields.size() * 2);
      if (fields.isEmpty()) {
        in.int8(); // ROS 2 gives an empty message one uint8 member, structure_needs_at_least_one_member
      }
      for (MessageField field : fields) {
        path.push(field.name());
        out.put(field.name(), value(field.type()));
        path.pop();
      }
      if (end >= 0) {
        closeDelimited(end, type.name());
      }
      return out;
    }

    Object value(FieldType type) {
      if (!type.isArray()) {
        return type.isPrimitive() ? scalar(type.primitive()) : struct(schema.type(type.messageType()));
      }
      boolean delimitedElements = delimited && (!type.isPrimitive() || type.primitive().isString());
      int end = delimitedElements ? delimiterEnd(type.toString()) : -1;
      // The smallest wire size of one element bounds a count before anything is allocated for it.
      int minElementSize = !type.isPrimitive() ? 1 : type.primitive().isString() ? 4 : type.primitive().size();
      int n = type.isSequence() ? in.count("sequence length", minElementSize) : type.arrayLength();
      Object out = type.isPrimitive() && !type.primitive().isString()
          ? primitives(type.primitive(), n)
          : elements(type, n);
      if (end >= 0) {
        closeDelimited(end, type.toString());
      }
      return out;
    }

    private List<Object> elements(FieldType type, int n) {
      List<Object> out = new ArrayList<>(Math.min(n, in.remaining()));
      MessageType element = type.isPrimitive() ? null : schema.type(type.messageType());
      for (int i = 0; i < n; i++) {
        path.pushIndex(i);
        out.add(element == null ? in.string() : struct(element));
        path.pop();
      }
      return out;
    }

    private int delimiterEnd(String what) {
      int size = in.count("DHEADER of " + what + ", byte size", 1);
      return in.offset() + size;
    }

    private void closeDelimited(int end, String what) {
      if (in.offset() > end) {
        throw new CdrReader.CdrMalformedException(what + " ran " + (in.offset() - end)
            + " bytes past the end its DHEADER gives", end);
      }
      in.skipTo(end, "rest of " + what); // appendable: members of a newer version are skipped
    }

    Object scalar(PrimitiveType type) {
      return switch (type) {
        case BOOL -> in.int8() != 0;
        case BYTE, CHAR, UINT8 -> in.int8() & 0xff;
        case INT8 -> (int) in.int8();
        case INT16 -> (int) in.int16();
        case UINT16 -> in.int16() & 0xffff;
        case INT32 -> in.int32();
        case UINT32 -> Integer.toUnsignedLong(in.int32());
        case INT64 -> in.int64();
        case UINT64 -> ValueModel.uint64(in.int64());
        case FLOAT32 -> in.float32();
        case FLOAT64 -> in.float64();
        case STRING -> in.string();
        case WSTRING -> throw new IllegalStateException("wstring is rejected when the decoder is built");
      };
    }

    Object primitives(PrimitiveType type, int n) {
      switch (type) {
        case BOOL : {
          byte[] raw = in.bytes(n);
          boolean[] out = new boolean[n];
          for (int i = 0; i < n; i++) {
            out[i] = raw[i] != 0;
          }
          return out;
        }
        case BYTE, CHAR, INT8, UINT8 :
          return in.bytes(n);
        case INT16 :
          return in.int16s(n);
        case UINT16 : {
          short[] raw = in.int16s(n);
          int[] out = new int[n];
          Arrays.setAll(out, i -> raw[i] & 0xffff);
          return out;
        }
        case INT32 :
          return in.int32s(n);
        case UINT32 : {
          int[] raw = in.int32s(n);
          long[] out = new long[n];
          Arrays.setAll(out, i -> Integer.toUnsignedLong(raw[i]));
          return out;
        }
        case INT64 :
          return in.int64s(n);
        case UINT64 :
          return new Uint64Array(in.int64s(n));
        case FLOAT32 :
          return in.float32s(n);
        case FLOAT64 :
          return in.float64s(n);
        default :
          throw new IllegalStateException(type + " is not a fixed-size primitive");
      }
    }
  }
}
