package ai.curate.jobs.cli;

import ai.curate.retargeting.cli.FkTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "fk", mixinStandardHelpOptions = true,
    description = "Forward kinematics of a URDF: prints the tip link's pose in the base link's frame as JSON "
        + "{\"base\", \"tip\", \"position\": [x,y,z], \"rotation\": [[3],[3],[3]]}. Joints not given are 0; mimic joints follow their source.")
public final class FkCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--urdf", required = true, paramLabel = "FILE", description = "The robot description.")
  Path urdf;

  @Option(names = "--tip", required = true, paramLabel = "LINK", description = "The link whose pose is printed.")
  String tip;

  @Option(names = "--base", paramLabel = "LINK",
      description = "The frame the pose is expressed in (default: the root link).")
  String base;

  @Option(names = "--joints", defaultValue = "", paramLabel = "NAME=RAD,...",
      description = "Joint positions (radians, metres for prismatic joints), comma-separated.")
  String joints;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(urdf)) {
      throw ai.curate.jobs.errors.CurateErrors.optionInvalid("--urdf", "file not found: " + urdf);
    }
    String json;
    try {
      json = FkTool.run(urdf, tip, base, joints, this::warn);
    } catch (IllegalArgumentException e) {
      // FkTool validates only its inputs (URDF, link and joint names, values): its errors are the user's to fix.
      throw ai.curate.jobs.errors.CurateErrors.invalidInput(e.getMessage(), e);
    }
    spec.commandLine().getOut().println(json);
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** What the URDF parser ignored, in one line on stderr so stdout stays one JSON line. */
  private void warn(String line) {
    spec.commandLine().getErr().println("warning: " + line);
    spec.commandLine().getErr().flush();
  }
}
