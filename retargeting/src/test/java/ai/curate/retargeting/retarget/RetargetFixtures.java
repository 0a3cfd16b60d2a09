package ai.curate.retargeting.retarget;

import ai.curate.retargeting.pose.HandObservation;
import ai.curate.retargeting.pose.PoseFrame;
import ai.curate.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared inputs of the retargeting tests: the real human keypoints and the Allegro config. */
final class RetargetFixtures {
  private RetargetFixtures() {}

  private static List<double[]> keypoints;

  /** The 621 frames of real right-hand keypoints (wrist frame), 63 doubles each. */
  static synchronized List<double[]> humanKeypoints() {
    if (keypoints == null) {
      try {
        JsonNode root = new ObjectMapper().readTree(Fixtures.handKeypoints().toFile());
        List<double[]> out = new ArrayList<>();
        for (JsonNode frame : root.get("keypoints")) {
          double[] k = new double[63];
          for (int i = 0; i < 21; i++) {
            for (int c = 0; c < 3; c++) {
              k[3 * i + c] = frame.get(i).get(c).asDouble();
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

  /** The fixture as pose frames at 30 fps, as the given side. */
  static List<PoseFrame> frames(String side, boolean mirror) {
    List<PoseFrame> out = new ArrayList<>();
    List<double[]> kps = humanKeypoints();
    for (int f = 0; f < kps.size(); f++) {
      double[] k = kps.get(f).clone();
      if (mirror) {
        for (int i = 0; i < 21; i++) {
          k[3 * i + 1] = -k[3 * i + 1];
        }
      }
      out.add(new PoseFrame(f, Math.round(f * 1e6 / 30), Map.of(side, new HandObservation(side, k, null))));
    }
    return out;
  }

  /** Copies the test's Allegro config and the shared Allegro URDF into dir; returns the config path. */
  static Path allegroConfig(Path dir) {
    try {
      Files.copy(Fixtures.urdf("allegro_hand_right.urdf"), dir.resolve("allegro_hand_right.urdf"),
          StandardCopyOption.REPLACE_EXISTING);
      Path cfg = dir.resolve("allegro_right.yaml");
      try (InputStream in = RetargetFixtures.class.getResourceAsStream("/retarget/allegro_right.yaml")) {
        Files.copy(in, cfg, StandardCopyOption.REPLACE_EXISTING);
      }
      return cfg;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a config file next to a copy of the Allegro URDF. */
  static Path writeConfig(Path dir, String yaml) {
    try {
      Files.copy(Fixtures.urdf("allegro_hand_right.urdf"), dir.resolve("allegro_hand_right.urdf"),
          StandardCopyOption.REPLACE_EXISTING);
      Path cfg = dir.resolve("config.yaml");
      Files.writeString(cfg, yaml);
      return cfg;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path neoConfig() {
    return Fixtures.projectDir().resolve("configs/robots/neo/retarget-hands.yaml");
  }
}
