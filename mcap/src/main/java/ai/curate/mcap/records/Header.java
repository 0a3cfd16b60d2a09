package ai.curate.mcap.records;

/** The Header record (0x01): the file's profile (e.g. {@code ros2}) and the library that wrote it. */
public record Header(String profile, String library) {}
