package ai.curate.jobs.clips;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * A clip's JSON record ({@code <clip_id>.json} in its shard; docs/clips.md): identity, steps, per-frame times and
 * camera frames, and the per-frame values the profile asks for, frame {@code k} of every array being frame {@code k}
 * of every camera's MP4. Written field by field in a fixed order, floats in their shortest form, non-finite values as
 * null, so the same clip gives the same bytes.
 */
final class ClipRecord {
  private static final JsonFactory JSON = new JsonFactory();

  private ClipRecord() {}

  /** The identity and context of a clip's episode. */
  record Episode(String source, String captureDate, String robotId, String sessionId, String dataset,
      String episodeId, String split, String task) {}

  static byte[] json(String clipId, ClipProfile profile, Episode e, List<String> cameras,
      List<ClipWindows.Step<ClipStep>> frames, List<String> jointNames) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("clip_id", clipId);
      g.writeStringField("profile", profile.name());
      g.writeStringField("source", e.source());
      g.writeStringField("capture_date", e.captureDate());
      g.writeStringField("robot_id", e.robotId());
      g.writeStringField("session_id", e.sessionId());
      g.writeStringField("dataset", e.dataset());
      g.writeStringField("episode_id", e.episodeId());
      g.writeStringField("split", e.split());
      g.writeStringField("task", e.task());
      g.writeNumberField("fps", profile.fps());
      g.writeNumberField("frames", frames.size());
      g.writeNumberField("width", profile.width());
      g.writeNumberField("height", profile.height());
      g.writeNumberField("first_step", frames.get(0).index());
      g.writeNumberField("last_step", frames.get(frames.size() - 1).index());
      g.writeArrayFieldStart("cameras");
      for (String c : cameras) {
        g.writeString(c);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("joint_names");
      for (String j : jointNames) {
        g.writeString(j);
      }
      g.writeEndArray();
      ClipStep first = frames.get(0).payload();
      if (first.jointMask() != null) {
        // Per frame: a human clip's retargeted joints can change from frame to frame.
        g.writeArrayFieldStart("joint_mask");
        for (ClipWindows.Step<ClipStep> s : frames) {
          g.writeStartArray();
          for (boolean b : s.payload().jointMask() == null ? new boolean[0] : s.payload().jointMask()) {
            g.writeBoolean(b);
          }
          g.writeEndArray();
        }
        g.writeEndArray();
      }
      g.writeArrayFieldStart("step_index");
      for (ClipWindows.Step<ClipStep> s : frames) {
        g.writeNumber(s.index());
      }
      g.writeEndArray();
      g.writeArrayFieldStart("timestamp_ns");
      for (ClipWindows.Step<ClipStep> s : frames) {
        g.writeNumber(s.tsNs());
      }
      g.writeEndArray();
      g.writeObjectFieldStart("camera_frame_index");
      for (int c = 0; c < cameras.size(); c++) {
        g.writeArrayFieldStart(cameras.get(c));
        for (ClipWindows.Step<ClipStep> s : frames) {
          g.writeNumber(s.payload().frameIndex()[c]);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      arrays(g, "state", frames, ClipStep::state);
      arrays(g, "action", frames, ClipStep::action);
      arrays(g, "wrench_left", frames, ClipStep::wrenchLeft);
      arrays(g, "wrench_right", frames, ClipStep::wrenchRight);
      arrays(g, "tactile_left", frames, ClipStep::tactileLeft);
      arrays(g, "tactile_right", frames, ClipStep::tactileRight);
      if (first.validity() != null) {
        g.writeObjectFieldStart("validity");
        for (String column : first.validity().keySet()) {
          g.writeArrayFieldStart(column);
          for (ClipWindows.Step<ClipStep> s : frames) {
            g.writeBoolean(s.payload().validity().get(column));
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return bytes.toByteArray();
  }

  /** {@code name}: one array per frame, when the profile asked for it (the first frame has it). */
  private static void arrays(JsonGenerator g, String name, List<ClipWindows.Step<ClipStep>> frames,
      Function<ClipStep, float[]> field) throws IOException {
    boolean asked = false;
    for (ClipWindows.Step<ClipStep> s : frames) {
      asked |= field.apply(s.payload()) != null;
    }
    if (!asked) {
      return;
    }
    g.writeArrayFieldStart(name);
    for (ClipWindows.Step<ClipStep> s : frames) {
      float[] v = field.apply(s.payload());
      if (v == null) {
        g.writeNull();
        continue;
      }
      g.writeStartArray();
      for (float x : v) {
        if (Float.isFinite(x)) {
          g.writeNumber(x);
        } else {
          g.writeNull();
        }
      }
      g.writeEndArray();
    }
    g.writeEndArray();
  }
}
