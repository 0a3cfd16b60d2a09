package ai.curate.jobs.mcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a recording folder holds, in which order, and what is wrong with it; no Spark. */
class RecordingFilesTest {
  @TempDir
  Path dir;

  private Path touch(String name) throws IOException {
    return Files.write(dir.resolve(name), new byte[] {1});
  }

  private void metadata(String body) throws IOException {
    Files.writeString(dir.resolve("metadata.yaml"), "rosbag2_bagfile_information:\n" + body);
  }

  @Test
  void oneMcapFileIsTheRecording() throws IOException {
    Path only = touch("session.mcap");
    touch("notes.txt");
    touch(".hidden.mcap");
    assertThat(RecordingFiles.of(dir).files()).containsExactly(only);
    assertThat(RecordingFiles.of(dir).problems()).isEmpty();
  }

  @Test
  void aSplitSetIsReadInTheOrderItsMetadataLists() throws IOException {
    Path b = touch("bag_10.mcap");
    Path a = touch("bag_9.mcap");
    metadata("  storage_identifier: mcap\n  relative_file_paths:\n  - bag_9.mcap\n  - bag_10.mcap\n");
    assertThat(RecordingFiles.of(dir).files()).containsExactly(a, b);
  }

  @Test
  void olderMetadataWithOnlyFilesPathsIsRead() throws IOException {
    Path a = touch("x_0.mcap");
    metadata("  files:\n  - path: x_0.mcap\n    message_count: 3\n");
    assertThat(RecordingFiles.of(dir).files()).containsExactly(a);
  }

  @Test
  void aMissingSplitIsReportedAndTheOthersAreRead() throws IOException {
    Path a = touch("bag_0.mcap");
    metadata("  relative_file_paths:\n  - bag_0.mcap\n  - bag_1.mcap\n  - ../elsewhere.mcap\n");
    RecordingFiles r = RecordingFiles.of(dir);
    assertThat(r.files()).containsExactly(a);
    assertThat(r.problems()).extracting(RecordingFiles.Problem::kind)
        .containsExactly(McapIngestErrors.MCAP_MISSING, McapIngestErrors.RECORDING_INVALID);
    assertThat(r.problems().get(1).message()).contains("../elsewhere.mcap", "not a file name inside");
  }

  @Test
  void aBagInAnotherStorageIsRejected() throws IOException {
    touch("bag_0.db3");
    metadata("  storage_identifier: sqlite3\n  relative_file_paths:\n  - bag_0.db3\n");
    RecordingFiles r = RecordingFiles.of(dir);
    assertThat(r.files()).isEmpty();
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(McapIngestErrors.RECORDING_INVALID);
      assertThat(p.message()).contains("sqlite3", "ros2 bag convert");
    });
  }

  @Test
  void severalMcapFilesWithoutMetadataAreAmbiguous() throws IOException {
    touch("a.mcap");
    touch("b.mcap");
    RecordingFiles r = RecordingFiles.of(dir);
    assertThat(r.files()).isEmpty();
    assertThat(r.problems()).singleElement().extracting(RecordingFiles.Problem::kind)
        .isEqualTo(McapIngestErrors.RECORDING_INVALID);
  }

  @Test
  void anEmptyFolderHasNoRecording() {
    assertThat(RecordingFiles.of(dir).problems()).singleElement().extracting(RecordingFiles.Problem::kind)
        .isEqualTo(McapIngestErrors.MCAP_MISSING);
  }

  @Test
  void metadataThatIsNotYamlIsReported() throws IOException {
    touch("bag_0.mcap");
    Files.writeString(dir.resolve("metadata.yaml"), "rosbag2_bagfile_information: [unclosed\n");
    assertThat(RecordingFiles.of(dir).problems()).singleElement().extracting(RecordingFiles.Problem::kind)
        .isEqualTo(McapIngestErrors.RECORDING_INVALID);
  }
}
