package ai.curate.quality.checks.robot;

import static org.apache.spark.sql.functions.expr;

import ai.curate.quality.checks.AbstractCheck;
import ai.curate.quality.checks.CheckSpec;
import ai.curate.quality.checks.EntityCheck;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Camera frame drops, frames vs capture timestamps vs video. Per camera (maps keyed by camera name):
 * {@code expected} frames (episode duration x fps), {@code capture} timestamps inside the episode, {@code video}
 * frames decodable for them. The usable frame count is the smaller of capture and video (a frame needs both); the
 * drop fraction is {@code max(0, expected - usable) / expected}. Value: the worst camera's drop fraction.
 * A camera missing from the capture map counts as fully dropped; a camera missing from the video map is judged on
 * its capture timestamps alone.
 */
public final class CameraFrameDrops extends AbstractCheck implements EntityCheck {
  private static final long serialVersionUID = 1L;

  public CameraFrameDrops() {
    super(CheckSpec.entity("camera_frame_drops", EntityType.EPISODE)
        .params(ParamSpec.number("max_drop_fraction", "largest allowed fraction of dropped frames").min(0).max(1),
            ParamSpec.string("expected_column", "map camera -> expected frames")
                .optional("camera_expected_frames"),
            ParamSpec.string("capture_column", "map camera -> capture timestamps in the episode")
                .optional("camera_capture_frames"),
            ParamSpec.string("video_column", "map camera -> decodable video frames")
                .optional("camera_video_frames"))
        .summary("worst camera's fraction of expected frames missing from capture timestamps or video")
        .measures("worst camera drop fraction")
        .atMost("max_drop_fraction").inputs(p -> List.of(p.string("expected_column"), p.string("capture_column"),
            p.string("video_column"))));
  }

  private static String dropOf(Params p, String k) {
    String e = "`" + p.string("expected_column") + "`[" + k + "]";
    String c = "coalesce(`" + p.string("capture_column") + "`[" + k + "], 0)";
    String v = "coalesce(`" + p.string("video_column") + "`[" + k + "], " + c + ")";
    return "CASE WHEN " + e + " > 0 THEN greatest(0D, (" + e + " - least(" + c + ", " + v + ")) / " + e
        + ") ELSE 0D END";
  }

  private static String perCamera(Params p) {
    return "transform(map_keys(`" + p.string("expected_column") + "`), k -> named_struct('drop', "
        + dropOf(p, "k") + ", 'camera', k))";
  }

  @Override
  public Column value(Params params) {
    return expr("coalesce(array_max(" + perCamera(params) + ").drop, CASE WHEN `"
        + params.string("expected_column") + "` IS NULL THEN NULL ELSE 0D END)");
  }

  @Override
  public Column detail(Params params) {
    String worst = "array_max(" + perCamera(params) + ")";
    return expr("CASE WHEN " + worst + ".drop > 0 THEN concat('camera ', " + worst + ".camera, ': expected ', `"
        + params.string("expected_column") + "`[" + worst + ".camera], ', captured ', coalesce(cast(`"
        + params.string("capture_column") + "`[" + worst + ".camera] AS STRING), 'none'), ', in video ', coalesce("
        + "cast(`" + params.string("video_column") + "`[" + worst + ".camera] AS STRING), 'unknown')) END");
  }
}
