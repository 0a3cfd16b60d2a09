package ai.curate.retargeting.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoseJsonlReaderTest {

  static String hand(String side, double scale) {
    StringBuilder sb = new StringBuilder("{\"side\":\"" + side + "\",\"keypoints_3d\":[");
    for (int i = 0; i < 21; i++) {
      sb.append(i == 0 ? "" : ",").append("[").append(scale * i).append(",").append(0.5).append(",").append(-i)
          .append("]");
    }
    sb.append("],\"confidence\":[");
    for (int i = 0; i < 21; i++) {
      sb.append(i == 0 ? "" : ",").append(0.9);
    }
    return sb.append("]}").toString();
  }

  private static List<PoseFrame> read(String text) {
    List<PoseFrame> out = new ArrayList<>();
    try (PoseJsonlReader r = new PoseJsonlReader(new BufferedReader(new StringReader(text)), "pose.jsonl")) {
      r.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void readsFramesHandsKeypointsAndConfidence() {
    List<PoseFrame> frames = read("{\"frame_index\":0,\"pts_us\":0,\"hands\":[" + hand("right", 0.01) + "],"
        + "\"body\":{\"format\":\"coco\",\"keypoints_3d\":[[0,0,0]]}}\n\n"
        + "{\"frame_index\":1,\"pts_us\":33333,\"hands\":[" + hand("right", 0.02) + "," + hand("left", 0.03) + "]}\n"
        + "{\"frame_index\":2,\"hands\":[]}\n");
    assertThat(frames).hasSize(3);
    assertThat(frames.get(0).hands()).containsOnlyKeys("right");
    assertThat(frames.get(0).hands().get("right").keypoints()[3 * 20]).isEqualTo(0.2);
    assertThat(frames.get(0).hands().get("right").keypoints()[3 * 20 + 2]).isEqualTo(-20);
    assertThat(frames.get(0).hands().get("right").meanConfidence(new int[] {0, 4})).isEqualTo(0.9);
    assertThat(frames.get(1).ptsUs()).isEqualTo(33333L);
    assertThat(frames.get(1).hands()).containsOnlyKeys("right", "left");
    assertThat(frames.get(2).ptsUs()).isNull();
    assertThat(frames.get(2).hands()).isEmpty();
  }

  @Test
  void malformedLinesNameTheLine() {
    assertThatThrownBy(() -> read("{\"frame_index\":0,\"hands\":[]}\n{oops\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pose.jsonl line 2").hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> read("{\"pts_us\":0}\n")).hasMessageContaining("line 1")
        .hasMessageContaining("frame_index");
    assertThatThrownBy(() -> read("{\"frame_index\":0,\"hands\":[{\"side\":\"right\",\"keypoints_3d\":[[0,0,0]]}]}"))
        .hasMessageContaining("\"hands[0].keypoints_3d\" must be 21 [x, y, z] points");
    assertThatThrownBy(() -> read("{\"frame_index\":0,\"hands\":[{\"side\":\"up\"}]}")).hasMessageContaining("side");
    assertThatThrownBy(() -> read("{\"frame_index\":0,\"hands\":[" + hand("left", 1) + "," + hand("left", 1) + "]}"))
        .hasMessageContaining("two hands with side \"left\"");
  }

  /** A valid line padded with spaces (JSON whitespace) to {@code bytes} bytes. */
  static String paddedLine(int frame, int bytes) {
    String line = "{\"frame_index\":" + frame + ",\"pts_us\":" + frame * 33_333L + ",\"hands\":[]}";
    return line.substring(0, line.length() - 1) + " ".repeat(bytes - line.length()) + "}";
  }

  @Test
  void strictModeStopsAtALineOverTheLimitInOneLineNamingTheLineAndTheLimit() {
    String text = paddedLine(0, 100) + "\n" + paddedLine(1, 2 << 20) + "\n" + paddedLine(2, 100) + "\n";

    assertThatThrownBy(() -> {
      try (PoseJsonlReader r = new PoseJsonlReader(new StringReader(text), "pose.jsonl", 64 << 10)) {
        r.forEachRemaining(f -> {});
      }
    }).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pose.jsonl line 2: the line is 2097152 bytes, longer than the limit of 65536 bytes: it was not"
            + " read (a pose line is a few kilobytes)");
    // The default limit is 1 MiB: the same 2 MiB line is refused without configuring anything.
    assertThatThrownBy(() -> read(text)).hasMessageContaining("line 2").hasMessageContaining("1048576");
  }

  @Test
  void theLenientReaderSkipsALineOverTheLimitAsOneErrorAndKeepsTheRest() throws IOException {
    String text = paddedLine(0, 100) + "\n" + paddedLine(1, 2 << 20) + "\n" + paddedLine(2, 100) + "\n";

    PoseTrack track = PoseJsonlReader.lenient(new StringReader(text), 64 << 10);

    assertThat(track.lines()).isEqualTo(3);
    assertThat(track.frames()).extracting(PoseLine::frameIndex).containsExactly(0, 2);
    assertThat(track.errors()).singleElement().satisfies(e -> {
      assertThat(e.lineNumber()).isEqualTo(2);
      assertThat(e.tooLong()).isTrue();
      assertThat(e.reason()).contains("2097152 bytes", "limit of 65536 bytes");
    });
  }

  @Test
  void ptsOutsideTheDocumentedRangeIsABadLine() throws IOException {
    for (long pts : new long[] {Long.MIN_VALUE, -1, PoseLineParser.MAX_PTS_US, Long.MAX_VALUE}) {
      String line = "{\"frame_index\":0,\"pts_us\":" + pts + ",\"hands\":[]}";
      assertThatThrownBy(() -> read(line + "\n")).as("pts_us %d", pts)
          .hasMessageContaining("line 1").hasMessageContaining("\"pts_us\" must be in [0, 9214646400000000)");
      assertThat(PoseJsonlReader.lenient(new StringReader(line)).errors()).singleElement()
          .satisfies(e -> assertThat(e.reason()).contains("got " + pts));
    }
    assertThat(read("{\"frame_index\":0,\"pts_us\":" + (PoseLineParser.MAX_PTS_US - 1) + ",\"hands\":[]}"))
        .singleElement().satisfies(f -> assertThat(f.ptsUs()).isEqualTo(PoseLineParser.MAX_PTS_US - 1));
  }

  @Test
  void openRefusesAFileOverTheFileLimitBeforeReadingIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("pose.jsonl");
    Files.writeString(file, paddedLine(0, 100) + "\n" + paddedLine(1, 100) + "\n");

    assertThatThrownBy(() -> PoseJsonlReader.open(file, 150, 1024)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + " is 202 bytes, more than the limit of 150 bytes for a pose file: split the clip");
    try (PoseJsonlReader r = PoseJsonlReader.open(file, 202, 1024)) {
      assertThat(r).toIterable().hasSize(2);
    }
  }
}
