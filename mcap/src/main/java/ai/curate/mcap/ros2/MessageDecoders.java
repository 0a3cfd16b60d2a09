package ai.curate.mcap.ros2;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point: the decoder for an MCAP channel, chosen by its message encoding and schema, built once per
 * distinct (encoding, schema) and cached. Supported: message encoding {@code cdr} with schema encoding
 * {@code ros2msg}; {@code json} with schema encoding {@code jsonschema} or none. Anything else is an
 * ENCODING_UNSUPPORTED {@link MessageDecodingException}, an unparsable schema a SCHEMA_UNPARSABLE one. Thread-safe.
 */
public final class MessageDecoders {
  private static final int CACHE_LIMIT = 1024;
  private static final Map<ChannelKey, MessageDecoder> CACHE = new ConcurrentHashMap<>();

  /** What decides the decoder; the schema bytes as Latin-1 text so that equal bytes make equal keys. */
  private record ChannelKey(String messageEncoding, String schemaName, String schemaEncoding, String schema) {}

  private MessageDecoders() {}

  /**
   * The decoder of messages of a channel with these MCAP fields.
   *
   * @param messageEncoding the channel's message encoding ({@code cdr}, {@code json}, ...)
   * @param schemaName the schema's name ({@code sensor_msgs/msg/JointState}); may be empty for json
   * @param schemaEncoding the schema's encoding ({@code ros2msg}, {@code jsonschema}, or empty)
   * @param schemaData the schema's bytes (UTF-8 text for ros2msg); may be empty
   * @throws MessageDecodingException SCHEMA_UNPARSABLE or ENCODING_UNSUPPORTED
   */
  public static MessageDecoder forChannel(String messageEncoding, String schemaName, String schemaEncoding,
      byte[] schemaData) {
    ChannelKey key = new ChannelKey(nullToEmpty(messageEncoding), nullToEmpty(schemaName),
        nullToEmpty(schemaEncoding), new String(schemaData == null ? new byte[0] : schemaData,
            StandardCharsets.ISO_8859_1));
    MessageDecoder cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    MessageDecoder decoder = build(key, schemaData == null ? new byte[0] : schemaData);
    if (CACHE.size() >= CACHE_LIMIT) {
      CACHE.clear(); // a crude bound: a real run has a handful of schemas
    }
    CACHE.put(key, decoder);
    return decoder;
  }

  private static MessageDecoder build(ChannelKey key, byte[] schemaData) {
    String encoding = key.messageEncoding().toLowerCase(Locale.ROOT);
    String schemaEncoding = key.schemaEncoding();
    switch (encoding) {
      case "cdr" :
        if (!schemaEncoding.equals("ros2msg")) {
          throw MessageDecodingException.unsupported("schema encoding '" + schemaEncoding
              + "' for message encoding cdr is not supported (only ros2msg)");
        }
        return new CdrMessageDecoder(
            Ros2MsgSchemaParser.parse(key.schemaName(), new String(schemaData, StandardCharsets.UTF_8)));
      case "json" :
        if (!schemaEncoding.isEmpty() && !schemaEncoding.equals("jsonschema")) {
          throw MessageDecodingException.unsupported("schema encoding '" + schemaEncoding
              + "' for message encoding json is not supported (only jsonschema or none)");
        }
        return new JsonMessageDecoder(key.schemaName(), schemaData);
      default :
        throw MessageDecodingException.unsupported("message encoding " + key.messageEncoding()
            + " is not supported" + (encoding.equals("protobuf") ? "" : " (only cdr and json)"));
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
