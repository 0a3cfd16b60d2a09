package ai.curate.mcap.ros2;

import java.util.Map;

/**
 * Turns one message's bytes into the {@link ValueModel} for one channel. Instances are immutable and thread-safe;
 * get them from {@link MessageDecoders#forChannel}.
 */
public interface MessageDecoder {
  /**
   * Decodes one message.
   *
   * @throws MessageDecodingException of kind MESSAGE_UNDECODABLE (what, at which byte offset, which field) or
   *         ENCODING_UNSUPPORTED (e.g. a CDR representation not handled)
   */
  Map<String, Object> decode(byte[] message);
}
