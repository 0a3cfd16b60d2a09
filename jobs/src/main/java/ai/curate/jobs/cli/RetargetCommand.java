package ai.curate.jobs.cli;

import ai.curate.jobs.errors.CurateErrors;
import ai.curate.retargeting.cli.RetargetTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "retarget", mixinStandardHelpOptions = true,
    description = "Retarget one clip's hand keypoints onto a robot, without Spark (for debugging and for evaluating a robot config). "
        + "Writes JSON lines {\"frame_index\", \"joints\": {name: rad}, \"vector_error_mm\", ...} and prints the clip summary. "
        + "Robot config format: docs/retargeting.md.")
public final class RetargetCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--robot-config", required = true, paramLabel = "FILE",
      description = "Retargeting YAML (e.g. configs/robots/neo/retarget-hands.yaml); its urdf path is relative to it.")
  Path robotConfig;

  @Option(names = "--poses", required = true, paramLabel = "FILE",
      description = "pose.jsonl of one clip (docs/raw-formats.md).")
  Path poses;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the per-frame JSON lines go.")
  Path out;

  @Override
  public Integer call() {
    for (Path p : new Path[] {robotConfig, poses}) {
      if (!Files.isRegularFile(p)) {
        throw CurateErrors.fileNotFound(p);
      }
    }
    String summary;
    try {
      summary = RetargetTool.run(robotConfig, poses, out, line -> {
        spec.commandLine().getErr().println("warning: " + line);
        spec.commandLine().getErr().flush();
      });
    } catch (IllegalArgumentException e) {
      // RetargetTool validates only its inputs (robot config, URDF, pose lines): its errors are the user's to fix.
      throw CurateErrors.invalidInput(e.getMessage(), e);
    }
    spec.commandLine().getOut().println(summary);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
