package ai.curate.jobs.clips;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.DateType;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Column names of the rows the clip tasks read, and the schema of {@code gold.clips} (docs/tables.md). */
final class ClipColumns {
  private ClipColumns() {}

  /** An entity's identity in gold: with nulls for what a source does not have (fleet: dataset; human: robot). */
  static final List<String> IDENTITY = List.of("source", "robot_id", "session_id", "dataset", "episode_id");
  /** The episode's camera -> video (as the bronze table holds it: relative MCAP paths against the warehouse). */
  static final String VIDEOS = "clip_videos";
  static final String EPISODE_START = "episode_start_ts_ns";
  static final String TASK = "task";

  static final StructType MEMBER = new StructType()
      .add("name", StringType, false)
      .add("offset", LongType, false)
      .add("size", LongType, false);

  /** gold.clips before the run metadata. */
  static final StructType CLIPS = new StructType()
      .add("profile", StringType, false)
      .add("out", StringType, false)
      .add("source", StringType, false)
      .add("capture_date", DateType, false)
      .add("split", StringType, true)
      .add("clip_id", StringType, false)
      .add("shard", StringType, false)
      .add("members", DataTypes.createArrayType(MEMBER, false), false)
      .add("robot_id", StringType, true)
      .add("session_id", StringType, true)
      .add("dataset", StringType, true)
      .add("episode_id", StringType, false)
      .add("task", StringType, true)
      .add("first_step", IntegerType, false)
      .add("last_step", IntegerType, false)
      .add("start_ts_ns", LongType, false)
      .add("end_ts_ns", LongType, false)
      .add("frames", IntegerType, false)
      .add("fps", DoubleType, false)
      .add("width", IntegerType, false)
      .add("height", IntegerType, false)
      .add("cameras", DataTypes.createArrayType(StringType, false), false)
      .add("inputs_fingerprint", StringType, false);
}
