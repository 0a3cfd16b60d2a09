package ai.curate.jobs.human;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.retargeting.pose.PoseLine;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One EgoDex recording through {@link ClipIngester} on an executor's terms, without Spark. */
class EgodexIngestTest {
  private static final int FRAMES = 12;

  @TempDir
  Path temp;

  @BeforeEach
  void requireH5py() {
    EgodexTestFiles.assumeH5py();
  }

  @Test
  void aRemoteRecordingIsCopiedToScratchReadAndTheCopiesRemoved() throws Exception {
    Path task = temp.resolve("raw/egodex/date=2026-01-15/fold_towel");
    EgodexTestFiles.Motion m = EgodexTestFiles.motion(FRAMES);
    EgodexTestFiles.write(EgodexTestFiles.spec(m, "float32", true), task.resolve("7.hdf5"));
    EgodexTestFiles.video(task.resolve("7.mp4"), FRAMES);
    Path scratch = temp.resolve("scratch");
    ClipLocation remote = ClipLocation.egodex("fold_towel", "7",
        CopyTestFileSystem.SCHEME + "://" + task.toAbsolutePath());
    ClipIngester ingester = new ClipIngester(HumanIngestSettings.defaults(), CopyTestFileSystem::configuration,
        scratch.toString());

    ClipIngestResult r = roundTrip(ingester.ingest(remote));

    assertThat(r.errors()).isEmpty();
    assertThat(r.clip().clipId()).isEqualTo("fold_towel-7");
    assertThat(r.metadata().sourceAttributes()).containsEntry("session_name", "session_17");
    assertThat(r.video().frames()).hasSize(FRAMES);
    assertThat(r.pose().frames()).hasSize(FRAMES);
    PoseLine last = r.pose().frames().get(FRAMES - 1);
    assertThat(last.frameIndex()).isEqualTo(FRAMES - 1);
    assertThat(last.hands().get(1).side()).isEqualTo("left");
    double[] want = m.points().get("left");
    assertThat(last.hands().get(1).keypoints()[62]).isCloseTo(want[(FRAMES * 21) * 3 - 1],
        org.assertj.core.api.Assertions.within(1e-6));
    assertThat(r.join().posesWithoutFrame()).isZero();
    try (Stream<Path> left = Files.list(scratch.resolve("ingest-human"))) {
      assertThat(left).as("scratch copies left behind").isEmpty();
    }
  }

  @Test
  void aFileNameThatIsNotARecordingNumberIsRejectedByName() throws Exception {
    Path task = temp.resolve("raw/egodex/date=2026-01-15/fold");
    Files.createDirectories(task);
    Files.writeString(task.resolve("1-2.hdf5"), "never opened");
    ClipIngester ingester = new ClipIngester(HumanIngestSettings.defaults(), org.apache.hadoop.conf.Configuration::new,
        temp.resolve("scratch").toString());
    ClipIngestResult r = ingester.ingest(ClipLocation.egodex("fold", "1-2", task.toUri().toString()));
    assertThat(r.ingested()).isFalse();
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.errorKind()).isEqualTo(HumanIngestErrors.EGODEX_INVALID);
      assertThat(e.message()).contains("\"1-2\" is not a recording number");
    });
  }

  /** What Spark's Java serialization does to a task result between executor and cache. */
  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
      o.writeObject(value);
    }
    try (ObjectInputStream i = new ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) i.readObject();
    }
  }
}
