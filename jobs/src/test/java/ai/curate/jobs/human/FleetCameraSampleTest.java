package ai.curate.jobs.human;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.sample.FaultyPipeline;
import ai.curate.jobs.tables.TableReader;
import ai.curate.jobs.tables.Tables;
import ai.curate.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The faulty sample's fleet camera videos through the default (packets) analysis: every readable video is timed
 * frame by frame without a flag (the generator's clean cameras), the two damaged ones are in the ledger, and every
 * frame ingest-fleet knows from the frame index has its packet.
 */
class FleetCameraSampleTest extends SparkTestBase {

  @Test
  void cleanCameraVideosAreUnflaggedAndDamagedOnesAreInTheLedger() {
    FaultyPipeline p = FaultyPipeline.get(spark());
    TableReader tables = new TableReader(spark(), p.warehouse.toString());
    Dataset<Row> quality = tables.read(Tables.FLEET_VIDEO_QUALITY);

    assertThat(quality.count()).isGreaterThanOrEqualTo(6);
    assertThat(quality.where(col("analysis_mode").notEqual("packets")).count()).isZero();
    List<Row> flagged = quality.where("size(video_flags) > 0").select("session_id", "camera", "video_flags")
        .collectAsList();
    assertThat(flagged).as("flags on the sample's clean cameras").isEmpty();
    // Key frames (one a second) are all that was decoded.
    Row totals = quality.selectExpr("sum(frame_count)", "sum(key_frame_count)").first();
    assertThat(totals.getLong(1) * 10).isLessThan(totals.getLong(0));

    long unreadable = tables.read(Tables.INGEST_ERRORS)
        .where("stage = 'ingest-human' AND error_kind = 'camera_video_unreadable'").count();
    assertThat(unreadable).as("session B's cut head.mp4 and session C's overwritten wrist_right.mp4").isEqualTo(2);

    // Every frame of the frame index has a packet: the videos hold what the robot recorded, no frame dropped.
    Dataset<Row> packets = tables.read(Tables.FLEET_VIDEO_PACKETS).groupBy("session_id", "camera").count()
        .withColumnRenamed("count", "packets");
    Dataset<Row> indexed = tables.read(Tables.CAMERA_FRAMES).groupBy("session_id", "camera").count()
        .withColumnRenamed("count", "indexed");
    Dataset<Row> joined = quality.select("session_id", "camera", "frame_count", "dropped_frames")
        .join(packets, new String[] {"session_id", "camera"}).join(indexed, new String[] {"session_id", "camera"});
    // Sessions ingest-fleet rejected (a bad manifest, a duplicate id) have analysed videos but no frame index.
    assertThat(joined.count()).isGreaterThanOrEqualTo(6);
    assertThat(joined.where("packets != frame_count OR packets != indexed OR dropped_frames != 0").collectAsList())
        .isEmpty();
  }
}
