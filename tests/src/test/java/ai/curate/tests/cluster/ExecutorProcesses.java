package ai.curate.tests.cluster;

import java.util.List;
import java.util.Optional;

/**
 * The executor JVMs of an application on this machine: {@code CoarseGrainedExecutorBackend} processes below this
 * JVM (local-cluster's Workers run inside it and start executors as child processes).
 */
final class ExecutorProcesses {
  static final String EXECUTOR_MAIN = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

  private ExecutorProcesses() {}

  static List<ProcessHandle> of(String appId) {
    return ProcessHandle.current().descendants()
        .filter(ProcessHandle::isAlive)
        .filter(p -> {
          List<String> args = arguments(p);
          return args.contains(EXECUTOR_MAIN) && valueOf(args, "--app-id").map(appId::equals).orElse(false);
        })
        .toList();
  }

  static Optional<ProcessHandle> find(String appId, String executorId) {
    return of(appId).stream()
        .filter(p -> valueOf(arguments(p), "--executor-id").map(executorId::equals).orElse(false))
        .findFirst();
  }

  static List<String> arguments(ProcessHandle p) {
    ProcessHandle.Info info = p.info();
    List<String> args = new java.util.ArrayList<>();
    info.command().ifPresent(args::add);
    info.arguments().ifPresent(a -> args.addAll(List.of(a)));
    return args;
  }

  private static Optional<String> valueOf(List<String> args, String flag) {
    int i = args.indexOf(flag);
    return i >= 0 && i + 1 < args.size() ? Optional.of(args.get(i + 1)) : Optional.empty();
  }
}
