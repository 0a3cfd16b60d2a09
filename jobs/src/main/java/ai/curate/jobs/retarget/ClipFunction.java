package ai.curate.jobs.retarget;

import ai.curate.retargeting.pose.PoseFrame;
import ai.curate.retargeting.retarget.KeypointFrame;
import ai.curate.retargeting.retarget.RetargetConfig;
import java.sql.Date;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Row;

/**
 * One clip on an executor: its pose rows (sorted by frame index by Spark) streamed through
 * {@link ChunkedClipRetargeter}, lazily, so neither the clip's input nor its output is ever held whole.
 */
final class ClipFunction implements FlatMapGroupsFunction<String, Row, Row> {
  private static final long serialVersionUID = 1L;

  private final RobotConfigSource robot;
  private final int chunkFrames;
  private final int overlapFrames;
  private final String armBaseLink;

  ClipFunction(RobotConfigSource robot, int chunkFrames, int overlapFrames, String armBaseLink) {
    this.robot = robot;
    this.chunkFrames = chunkFrames;
    this.overlapFrames = overlapFrames;
    this.armBaseLink = armBaseLink;
  }

  @Override
  public Iterator<Row> call(String key, Iterator<Row> rows) {
    if (!rows.hasNext()) {
      return java.util.Collections.emptyIterator();
    }
    Row first = rows.next();
    Date date = first.getDate(0);
    String dataset = first.getString(1);
    String clipId = first.getString(2);
    KeypointFrame keypointFrame;
    try {
      keypointFrame = KeypointFrame.parse(first.isNullAt(6) ? null : first.getString(6));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("clip " + dataset + "/" + clipId + ": " + e.getMessage(), e);
    }
    double[] headFromCamera = first.isNullAt(7)
        ? null
        : first.<Double>getList(7).stream().mapToDouble(Double::doubleValue).toArray();
    String primarySide = first.isNullAt(8) ? null : first.getString(8);
    RetargetConfig config = robot.config();
    ArmSolver arms = armBaseLink != null && keypointFrame == KeypointFrame.CAMERA && headFromCamera != null
        && headFromCamera.length == 16 ? new ArmSolver(config, armBaseLink, headFromCamera) : null;
    Iterator<PoseFrame> frames = new Iterator<>() {
      Row pending = first;

      @Override
      public boolean hasNext() {
        return pending != null || rows.hasNext();
      }

      @Override
      public PoseFrame next() {
        Row r = pending != null ? pending : rows.next();
        pending = null;
        return HumanTimestepRows.poseFrame(r);
      }
    };
    Iterator<ChunkedClipRetargeter.RetargetedFrame> out = new ChunkedClipRetargeter(config, chunkFrames, overlapFrames,
        arms).retarget(frames, keypointFrame);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return out.hasNext();
      }

      @Override
      public Row next() {
        return HumanTimestepRows.toRow(date, dataset, clipId, primarySide, out.next(), config);
      }
    };
  }
}
