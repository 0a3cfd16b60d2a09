package ai.curate.mcap.records;

/** The Schema record (0x03): a message type's name, schema encoding (e.g. {@code ros2msg}) and definition bytes. */
public record Schema(int id, String name, String encoding, byte[] data) {}
