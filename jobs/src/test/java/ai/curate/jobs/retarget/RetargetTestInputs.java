package ai.curate.jobs.retarget;

import ai.curate.retargeting.pose.HandObservation;
import ai.curate.retargeting.pose.PoseFrame;
import ai.curate.retargeting.retarget.RetargetConfig;
import ai.curate.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real fixture's keypoints and the project's Neo retargeting config, for the retarget stage tests. */
final class RetargetTestInputs {
  private RetargetTestInputs() {}

  private static List<double[]> keypoints;
  private static RetargetConfig neo;

  static Path neoConfigFile() {
    return Fixtures.project("configs/robots/neo/retarget-hands.yaml");
  }

  static synchronized RetargetConfig neoConfig() {
    if (neo == null) {
      neo = RetargetConfig.load(neoConfigFile());
    }
    return neo;
  }

  /** The fixture's 621 frames of right-hand keypoints (wrist frame), rounded to float as bronze stores them. */
  static synchronized List<double[]> keypoints() {
    if (keypoints == null) {
      try {
        JsonNode root = new ObjectMapper().readTree(Fixtures.handKeypoints().toFile()).get("keypoints");
        List<double[]> out = new ArrayList<>();
        for (JsonNode frame : root) {
          double[] k = new double[63];
          for (int i = 0; i < 21; i++) {
            for (int c = 0; c < 3; c++) {
              k[3 * i + c] = (float) frame.get(i).get(c).asDouble();
            }
          }
          out.add(k);
        }
        keypoints = List.copyOf(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return keypoints;
  }

  /** The fixture as right-hand pose frames at 30 fps (pts as HumanClipFixture writes them). */
  static List<PoseFrame> rightHandFrames() {
    List<PoseFrame> out = new ArrayList<>();
    List<double[]> kps = keypoints();
    for (int f = 0; f < kps.size(); f++) {
      out.add(new PoseFrame(f, Math.round(f * 1e6 / 30), Map.of("right",
          new HandObservation("right", kps.get(f).clone(), null))));
    }
    return out;
  }
}
