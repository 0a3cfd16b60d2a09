package ai.curate.jobs.sample;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.testing.Fixtures;
import ai.curate.testing.PythonModules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate-sample --human-format egodex}: the jHDF-written files, read by h5py (libhdf5) through
 * tests/h5py/egodex_keypoints.py, are EgoDex-shaped (chunked, gzip) and hold the very camera-frame keypoints that the
 * clip-folder sample of the same seed writes to pose.jsonl; the videos are byte-identical.
 */
class EgodexSampleTest {
  private static final Path PYTHON = PythonModules.PYTHON;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path temp;

  private SampleOptions options(Path out) {
    return new SampleOptions(out, SampleFixture.DATE, 0, 2, 5, 1.0, 3.0, false, SampleFixture.neoUrdf(), 2);
  }

  @Test
  void egodexFilesHoldTheClipFoldersKeypointsAsH5pyReadsThem() throws Exception {
    PythonModules.assumeImportable("h5py", "python3-h5py", "the check of the sample's EgoDex files with h5py");
    SampleReport clips = new SampleGenerator().generate(options(temp.resolve("clip")));
    SampleReport egodex = new SampleGenerator().generate(options(temp.resolve("egodex"))
        .withHumanFormat(SampleOptions.HumanFormat.EGODEX));
    assertThat(egodex.clips()).hasSize(2);

    for (int c = 0; c < 2; c++) {
      SampleReport.ClipSummary folder = clips.clips().get(c);
      SampleReport.ClipSummary recording = egodex.clips().get(c);
      assertThat(recording.dataset()).isEqualTo("egodex");
      Path hdf5 = temp.resolve("egodex").resolve(recording.path());
      assertThat(recording.clipId()).isEqualTo(hdf5.getParent().getFileName() + "-" + c);
      JsonNode read = h5pyKeypoints(hdf5);
      assertThat(read.get("chunked").asBoolean()).isTrue();
      read.get("compression").forEach(v -> assertThat(v.asText()).isEqualTo("gzip"));
      assertThat(read.get("attrs").get("task").asText()).isEqualTo(hdf5.getParent().getFileName().toString());

      List<String> lines = Files.readAllLines(temp.resolve("clip").resolve(folder.path()).resolve("pose.jsonl"));
      assertThat(read.get("frames").asInt()).isEqualTo(lines.size()).isEqualTo(recording.frames());
      double worst = 0;
      for (int i = 0; i < lines.size(); i++) {
        for (JsonNode hand : JSON.readTree(lines.get(i)).get("hands")) {
          JsonNode want = hand.get("keypoints_3d");
          JsonNode got = read.get(hand.get("side").asText()).get(i);
          for (int k = 0; k < 21; k++) {
            for (int a = 0; a < 3; a++) {
              worst = Math.max(worst, Math.abs(got.get(k).get(a).asDouble() - want.get(k).get(a).asDouble()));
            }
          }
        }
      }
      assertThat(worst).as("largest difference to pose.jsonl (m)").isLessThan(1e-12);
      Path video = hdf5.resolveSibling(c + ".mp4");
      assertThat(Files.mismatch(video, temp.resolve("clip").resolve(folder.path()).resolve("video.mp4")))
          .isEqualTo(-1L);
    }
    try (Stream<Path> files = Files.list(temp.resolve("egodex"))) {
      assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("human");
    }
  }

  private static JsonNode h5pyKeypoints(Path hdf5) throws Exception {
    Path script = Fixtures.projectDir().resolve("tests/h5py/egodex_keypoints.py");
    File out = Files.createTempFile("egodex", ".json").toFile();
    File err = Files.createTempFile("egodex", ".err").toFile();
    Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), hdf5.toString()).redirectOutput(out)
        .redirectError(err).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("egodex_keypoints.py failed: %s", Files.readString(err.toPath())).isZero();
    return JSON.readTree(out);
  }
}
