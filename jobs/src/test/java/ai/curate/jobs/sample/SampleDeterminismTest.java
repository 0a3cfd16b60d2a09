package ai.curate.jobs.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same options and seed give the same bytes; seeds isolate sessions from each other. */
class SampleDeterminismTest {
  @TempDir
  Path temp;

  @Test
  void sameSeedGivesIdenticalFilesAndVideosWithTheSameFrames() throws IOException {
    Path a = SampleFixture.faulty().out();
    Path b = temp.resolve("b");
    SampleFixture.generate(b, SampleFixture.FAULTY_SEED, 1, 1, true);
    Map<String, byte[]> filesA = files(a);
    Map<String, byte[]> filesB = files(b);
    assertThat(filesB.keySet()).isEqualTo(filesA.keySet());
    assertThat(filesA.keySet()).anyMatch(p -> p.endsWith(".arrow")).anyMatch(p -> p.endsWith(".mp4"))
        .anyMatch(p -> p.endsWith("pose.jsonl")).anyMatch(p -> p.endsWith("events.jsonl"));
    for (String rel : filesA.keySet()) {
      if (rel.endsWith(".mp4")) {
        int framesA = VideoFrames.count(a.resolve(rel));
        assertThat(VideoFrames.count(b.resolve(rel))).as("decoded frames of %s", rel).isEqualTo(framesA);
      }
      // MP4s too: the encoder runs bit-exact and single-threaded, so the container holds no varying bytes.
      assertThat(filesB.get(rel)).as("bytes of %s", rel).isEqualTo(filesA.get(rel));
    }
  }

  @Test
  void anotherSeedGivesOtherSessions() throws IOException {
    SampleReport ra = SampleFixture.faulty();
    Path a = ra.out();
    Path c = temp.resolve("c");
    SampleReport rc = SampleFixture.generate(c, SampleFixture.FAULTY_SEED + 1, 1, 0, false);
    assertThat(rc.sessions().get(0).sessionId()).isNotEqualTo(ra.sessions().get(0).sessionId());
    byte[] ja = Files.readAllBytes(a.resolve(ra.sessions().get(0).path()).resolve("streams/joint_state.arrow"));
    byte[] jc = Files.readAllBytes(c.resolve(rc.sessions().get(0).path()).resolve("streams/joint_state.arrow"));
    assertThat(jc).isNotEqualTo(ja);
  }

  @Test
  void plantingFaultsLeavesTheCleanSessionsAndClipsUntouched() throws IOException {
    Path clean = temp.resolve("clean");
    SampleReport rc = SampleFixture.generate(clean, SampleFixture.FAULTY_SEED, 1, 1, false);
    SampleReport rf = SampleFixture.faulty();
    Path faulty = rf.out();
    assertThat(rf.sessions()).hasSize(rc.sessions().size() + SampleGenerator.FAULT_SESSIONS.size());
    Map<String, byte[]> cleanFiles = files(clean);
    Map<String, byte[]> faultyFiles = files(faulty);
    for (Map.Entry<String, byte[]> e : cleanFiles.entrySet()) {
      if (e.getKey().startsWith("_")) {
        continue;
      }
      assertThat(faultyFiles).as("the faulty sample also has %s", e.getKey()).containsKey(e.getKey());
      assertThat(faultyFiles.get(e.getKey())).as("bytes of %s", e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void regeneratingADateReplacesItsEarlierSample() throws IOException {
    Path out = temp.resolve("out");
    SampleFixture.generate(out, 5, 2, 1, false);
    assertThat(out.resolve("human/date=2026-01-15")).isDirectory();
    SampleReport second = SampleFixture.generate(out, 6, 1, 0, false);
    List<Path> sessionDirs;
    try (Stream<Path> s = Files.list(out.resolve("fleet/date=2026-01-15"))) {
      sessionDirs = s.flatMap(robot -> {
        try {
          return Files.list(robot);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
    assertThat(sessionDirs).hasSize(1);
    assertThat(sessionDirs.get(0).getFileName().toString()).isEqualTo(second.sessions().get(0).sessionId());
    assertThat(out.resolve("human/date=2026-01-15")).doesNotExist();
  }

  private static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }
}
