package ai.curate.tests.cluster;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationStart;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * What the driver saw of a run on the cluster: which executors ran tasks of which pipeline stage, executors added
 * and lost, tasks lost with their executor. {@code curate run} builds its own SparkContext, so the probe is attached
 * with {@code spark.extraListeners} and publishes itself through {@link #current()}.
 */
public final class ClusterRunProbe extends SparkListener {
  private static final AtomicReference<ClusterRunProbe> CURRENT = new AtomicReference<>();
  private static final AtomicReference<String> ARMED_STAGE = new AtomicReference<>();

  private final Map<Integer, String> pipelineStageBySparkStage = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> executorsByPipelineStage = new ConcurrentHashMap<>();
  private final Set<String> executorsAdded = ConcurrentHashMap.newKeySet();
  private final Set<String> executorsRemoved = ConcurrentHashMap.newKeySet();
  private final AtomicInteger tasksLostWithExecutor = new AtomicInteger();
  private final AtomicInteger tasksSucceeded = new AtomicInteger();
  private final String armedStage;
  private final CountDownLatch armedTaskStarted = new CountDownLatch(1);
  private final AtomicReference<String> armedExecutor = new AtomicReference<>();
  private volatile String appId;

  /** Instantiated by SparkContext ({@code spark.extraListeners}). */
  public ClusterRunProbe() {
    this.armedStage = ARMED_STAGE.getAndSet(null);
    CURRENT.set(this);
  }

  /** The next probe created waits for the first task of pipeline stage {@code stage} ({@link #awaitArmedTask}). */
  static void armFor(String stage) {
    ARMED_STAGE.set(stage);
  }

  static ClusterRunProbe current() {
    return CURRENT.get();
  }

  static void reset() {
    CURRENT.set(null);
    ARMED_STAGE.set(null);
  }

  @Override
  public void onApplicationStart(SparkListenerApplicationStart start) {
    if (start.appId().isDefined()) {
      appId = start.appId().get();
    }
  }

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    // PipelineRunner describes each job with "<stage> <date>" (the job group's description).
    String description = job.properties() == null ? null : job.properties().getProperty("spark.job.description");
    String stage = description == null ? "?" : description.split(" ", 2)[0];
    for (Object id : scala.collection.JavaConverters.seqAsJavaList(job.stageIds())) {
      pipelineStageBySparkStage.put((Integer) id, stage);
    }
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart task) {
    String stage = pipelineStageBySparkStage.getOrDefault(task.stageId(), "?");
    executorsByPipelineStage.computeIfAbsent(stage, s -> ConcurrentHashMap.newKeySet())
        .add(task.taskInfo().executorId());
    if (stage.equals(armedStage) && armedExecutor.compareAndSet(null, task.taskInfo().executorId())) {
      armedTaskStarted.countDown();
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd task) {
    if (task.reason() instanceof ExecutorLostFailure) {
      tasksLostWithExecutor.incrementAndGet();
    } else if (task.taskInfo().successful()) {
      tasksSucceeded.incrementAndGet();
    }
  }

  @Override
  public void onExecutorAdded(SparkListenerExecutorAdded added) {
    executorsAdded.add(added.executorId());
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
    executorsRemoved.add(removed.executorId());
  }

  /** The executor running the first task of the armed pipeline stage, once that task has started. */
  String awaitArmedTask(long timeout, TimeUnit unit) throws InterruptedException {
    if (!armedTaskStarted.await(timeout, unit)) {
      throw new AssertionError("no task of pipeline stage " + armedStage + " started within " + timeout + " " + unit);
    }
    return armedExecutor.get();
  }

  String appId() {
    return appId;
  }

  Map<String, Set<String>> executorsByPipelineStage() {
    return executorsByPipelineStage;
  }

  Set<String> executorsAdded() {
    return executorsAdded;
  }

  Set<String> executorsRemoved() {
    return executorsRemoved;
  }

  int tasksLostWithExecutor() {
    return tasksLostWithExecutor.get();
  }

  int tasksSucceeded() {
    return tasksSucceeded.get();
  }
}
