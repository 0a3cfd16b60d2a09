package ai.curate.jobs.cli;

import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.mcap.McapCat;
import ai.curate.jobs.mcap.McapInfoReport;
import ai.curate.mcap.McapFormatException;
import ai.curate.mcap.McapInfo;
import ai.curate.mcap.McapReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code curate mcap}: look into MCAP robot logs (docs/mcap.md). */
@Command(name = "mcap", mixinStandardHelpOptions = true,
    description = "Look into an MCAP robot log (ROS 2 bags, Foxglove recordings): its channels, and its messages decoded.",
    subcommands = {McapCommand.Info.class, McapCommand.Cat.class})
public final class McapCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: info or cat");
  }

  /** The FILE parameter both subcommands take, as a mixin so that its label, text and check are written once. */
  static final class McapFile {
    @Parameters(paramLabel = "FILE", description = "The .mcap file.")
    Path file;

    /** The file, after checking it is there: a missing file is a not-found error, not an MCAP format error. */
    Path existing() {
      if (!Files.isRegularFile(file)) {
        throw CurateErrors.fileNotFound(file);
      }
      return file;
    }
  }

  private static void warn(CommandLine.Model.CommandSpec spec, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("warning: " + message);
    err.flush();
  }

  @Command(name = "info", mixinStandardHelpOptions = true,
      description = "The file's header (profile, library), time range, chunks by compression, attachments, metadata and "
          + "per channel its id, topic, message encoding, schema and message count. Read from the summary when the "
          + "file has one, else by a linear scan that also reports where a damaged file stops being intact.")
  static final class Info implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    McapFile input;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
        description = "text (default) or json (one object, integers exact).")
    String format;

    @Override
    public Integer call() {
      if (!format.equals("text") && !format.equals("json")) {
        throw CurateErrors.optionInvalid("--format", "must be text or json, got '" + format + "'");
      }
      McapInfo info;
      try {
        info = McapInfo.of(input.existing());
      } catch (McapFormatException e) {
        throw CurateErrors.mcapUnreadable(input.file, e.getMessage(), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(format.equals("json") ? McapInfoReport.json(info) + System.lineSeparator() : McapInfoReport.text(info));
      out.flush();
      info.damage().ifPresent(d -> warn(spec, input.file + " is damaged: " + d + " (everything before it was read)"));
      return 0;
    }
  }

  @Command(name = "cat", mixinStandardHelpOptions = true,
      description = "The file's messages, decoded, as JSON lines in log-time order: {\"topic\", \"log_time\", "
          + "\"publish_time\", \"sequence\", \"message\": {...}} with the schema's field names; byte arrays as base64, "
          + "integers exact, NaN and infinities as strings. Decodes ROS 2 CDR (ros2msg schemas) and JSON messages. "
          + "A message that does not decode is a warning on stderr and is skipped.")
  static final class Cat implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    McapFile input;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Only this topic (repeatable).")
    List<String> topics = new ArrayList<>();

    @Option(names = "--limit", defaultValue = "-1", paramLabel = "N", description = "At most N messages.")
    long limit;

    @Override
    public Integer call() {
      if (limit < -1) {
        throw CurateErrors.optionInvalid("--limit", "must be 0 or more, got " + limit);
      }
      Set<String> wanted = new LinkedHashSet<>(topics);
      PrintWriter out = spec.commandLine().getOut();
      McapCat.Result result;
      try (McapReader reader = McapReader.open(input.existing())) {
        checkTopics(reader, wanted);
        result = new McapCat(wanted, limit, message -> warn(spec, message)).write(reader, out);
      } catch (McapFormatException e) {
        out.flush();
        throw CurateErrors.mcapUnreadable(input.file, e.getMessage(), e);
      }
      out.flush();
      result.damage()
          .ifPresent(d -> warn(spec, input.file + " is damaged: " + d + " (the messages before it were printed)"));
      return 0;
    }

    /**
     * A misspelt topic is a one-line error naming the file's topics, not an empty output. The channels come from the
     * open reader's summary; only a file without one is scanned for them.
     */
    private void checkTopics(McapReader reader, Set<String> wanted) {
      if (wanted.isEmpty()) {
        return;
      }
      Set<String> present = new LinkedHashSet<>();
      reader.summary().ifPresentOrElse(
          summary -> new TreeMap<>(summary.channels()).values().forEach(c -> present.add(c.topic())),
          () -> McapInfo.of(input.file).channels().forEach(c -> present.add(c.topic())));
      List<String> unknown = wanted.stream().filter(t -> !present.contains(t)).toList();
      if (!unknown.isEmpty()) {
        throw CurateErrors.mcapTopicUnknown(unknown, present);
      }
    }
  }
}
