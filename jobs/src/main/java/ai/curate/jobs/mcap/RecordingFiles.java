package ai.curate.jobs.mcap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code .mcap} files of one recording folder, in reading order: the folder's one {@code .mcap} file, or the
 * split set its rosbag2 {@code metadata.yaml} lists ({@code rosbag2_bagfile_information.relative_file_paths}, else
 * {@code files[].path}). Pure file-system logic, no Spark.
 *
 * @param files the files to read, in order (those of a split set that are missing or unusable are left out)
 * @param problems what is wrong; {@code fatal} ones leave the recording without any file
 */
public record RecordingFiles(List<Path> files, List<Problem> problems) {
  /** The name rosbag2 gives a bag's description. */
  public static final String METADATA_YAML = "metadata.yaml";

  /** One thing wrong with the folder; {@code file} is where, {@code kind} the ledger's error kind. */
  public record Problem(Path file, String kind, String message) {}

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The files of {@code dir}. */
  public static RecordingFiles of(Path dir) {
    Path metadata = dir.resolve(METADATA_YAML);
    if (Files.exists(metadata, LinkOption.NOFOLLOW_LINKS)) {
      return splitSet(dir, metadata);
    }
    List<Path> mcaps = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.mcap")) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (!name.startsWith(".") && !name.startsWith("_")) {
          mcaps.add(p);
        }
      }
    } catch (IOException e) {
      return fatal(dir, McapIngestErrors.RECORDING_UNREADABLE, "cannot list the recording folder: " + e.getMessage());
    }
    mcaps.sort(null);
    if (mcaps.isEmpty()) {
      return fatal(dir, McapIngestErrors.MCAP_MISSING, "the recording folder holds no .mcap file (and no "
          + METADATA_YAML + "): put the recording's .mcap file in it, or remove the folder");
    }
    if (mcaps.size() > 1) {
      return fatal(dir, McapIngestErrors.RECORDING_INVALID, "the recording folder holds " + mcaps.size()
          + " .mcap files and no " + METADATA_YAML + ": a recording folder holds one .mcap file, or a rosbag2 split"
          + " set with the metadata.yaml that orders it; move each recording into a folder of its own");
    }
    List<Problem> problems = new ArrayList<>();
    Path only = mcaps.get(0);
    if (!usable(only, problems)) {
      return new RecordingFiles(List.of(), problems);
    }
    return new RecordingFiles(List.of(only), List.of());
  }

  private static RecordingFiles splitSet(Path dir, Path metadata) {
    if (Files.isSymbolicLink(metadata)) {
      return fatal(metadata, McapIngestErrors.SYMLINK_SKIPPED, "metadata.yaml is a symbolic link and is not"
          + " followed: replace it with the file itself");
    }
    JsonNode root;
    try {
      root = YAML.readTree(metadata.toFile());
    } catch (IOException e) {
      return fatal(metadata, McapIngestErrors.RECORDING_INVALID, "metadata.yaml is not readable YAML ("
          + firstLine(e.getMessage()) + "): restore the file rosbag2 wrote");
    }
    JsonNode info = root == null ? null : root.get("rosbag2_bagfile_information");
    if (info == null || !info.isObject()) {
      return fatal(metadata, McapIngestErrors.RECORDING_INVALID,
          "metadata.yaml has no rosbag2_bagfile_information section: it is not a rosbag2 bag description");
    }
    JsonNode storage = info.get("storage_identifier");
    if (storage != null && storage.isTextual() && !storage.asText().equals("mcap")) {
      return fatal(metadata, McapIngestErrors.RECORDING_INVALID, "the bag's storage is '" + storage.asText()
          + "', not mcap: convert it with `ros2 bag convert` to the mcap storage first");
    }
    Set<String> names = new LinkedHashSet<>();
    JsonNode relative = info.get("relative_file_paths");
    if (relative != null && relative.isArray()) {
      relative.forEach(n -> names.add(n.asText()));
    }
    JsonNode files = info.get("files");
    if (names.isEmpty() && files != null && files.isArray()) {
      files.forEach(f -> {
        if (f.hasNonNull("path")) {
          names.add(f.get("path").asText());
        }
      });
    }
    if (names.isEmpty()) {
      return fatal(metadata, McapIngestErrors.RECORDING_INVALID,
          "metadata.yaml lists no files (relative_file_paths is empty or missing)");
    }
    List<Path> out = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Path base = dir.toAbsolutePath().normalize();
    for (String name : names) {
      Path file = base.resolve(name).normalize();
      if (name.isBlank() || Path.of(name).isAbsolute() || !file.startsWith(base) || !file.getParent().equals(base)) {
        problems.add(new Problem(metadata, McapIngestErrors.RECORDING_INVALID, "metadata.yaml lists '" + name
            + "', which is not a file name inside the recording folder: it is not read"));
        continue;
      }
      if (!name.endsWith(".mcap")) {
        problems.add(new Problem(file, McapIngestErrors.RECORDING_INVALID, "metadata.yaml lists '" + name
            + "', which is not an .mcap file: it is not read"));
        continue;
      }
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        problems.add(new Problem(file, McapIngestErrors.MCAP_MISSING, "metadata.yaml lists '" + name
            + "', which is not in the recording folder: the other files are read; upload the missing split"));
        continue;
      }
      if (usable(file, problems)) {
        out.add(file);
      }
    }
    return new RecordingFiles(List.copyOf(out), List.copyOf(problems));
  }

  private static boolean usable(Path file, List<Problem> problems) {
    if (Files.isSymbolicLink(file)) {
      problems.add(new Problem(file, McapIngestErrors.SYMLINK_SKIPPED, file.getFileName()
          + " is a symbolic link and is not followed: replace it with the file itself"));
      return false;
    }
    if (!Files.isRegularFile(file)) {
      problems.add(new Problem(file, McapIngestErrors.RECORDING_INVALID, file.getFileName()
          + " is not a regular file"));
      return false;
    }
    return true;
  }

  private static RecordingFiles fatal(Path where, String kind, String message) {
    return new RecordingFiles(List.of(), List.of(new Problem(where, kind, message)));
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
