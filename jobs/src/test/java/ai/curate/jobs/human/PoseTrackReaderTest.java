package ai.curate.jobs.human;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.retargeting.pose.HandObservation;
import ai.curate.retargeting.pose.PoseJsonlReader;
import ai.curate.retargeting.pose.PoseLine;
import ai.curate.retargeting.pose.PoseLineError;
import ai.curate.retargeting.pose.PoseTrack;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoseTrackReaderTest {
  private static final String POINTS = points(21, 0.01);
  private static final String CONF = "[" + "0.9,".repeat(20) + "0.5]";

  private static String points(int n, double v) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("[").append(v * i).append(",").append(-v * i).append(",0.5]");
    }
    return b.append("]").toString();
  }

  private static String line(int frame, String hands) {
    return "{\"frame_index\":" + frame + ",\"pts_us\":" + frame * 33_333L + ",\"hands\":" + hands + "}";
  }

  private static String hand(String side) {
    return "{\"side\":\"" + side + "\",\"keypoints_3d\":" + POINTS + ",\"confidence\":" + CONF + "}";
  }

  private static PoseTrack read(String... lines) throws Exception {
    return PoseJsonlReader.lenient(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")));
  }

  @Test
  void readsHandsKeypointsConfidenceAndBody() throws Exception {
    PoseTrack track = read(
        "{\"frame_index\":0,\"pts_us\":0,\"hands\":[" + hand("right") + "," + hand("left") + "],"
            + "\"body\":{\"format\":\"coco17\",\"keypoints_3d\":" + points(17, 0.1) + "}}");

    assertThat(track.lines()).isEqualTo(1);
    assertThat(track.errors()).isEmpty();
    PoseLine frame = track.frames().get(0);
    assertThat(frame.lineNumber()).isEqualTo(1);
    assertThat(frame.hands()).extracting(HandObservation::side).containsExactly("right", "left");
    HandObservation right = frame.hands().get(0);
    assertThat(right.keypoints()).hasSize(63);
    assertThat(Arrays.copyOfRange(right.keypoints(), 60, 63)).containsExactly(0.2, -0.2, 0.5);
    assertThat(right.confidence()).hasSize(21).endsWith(0.5);
    assertThat(frame.body().format()).isEqualTo("coco17");
    assertThat(frame.body().keypoints()).hasNumberOfRows(17);
  }

  @Test
  void confidenceAndBodyAreOptionalAndAFrameMayHaveNoHand() throws Exception {
    PoseTrack track = read(
        line(0, "[{\"side\":\"right\",\"keypoints_3d\":" + POINTS + "}]"),
        line(1, "[]"));

    assertThat(track.errors()).isEmpty();
    assertThat(track.frames().get(0).hands().get(0).confidence()).isNull();
    assertThat(track.frames().get(0).body()).isNull();
    assertThat(track.frames().get(1).hands()).isEmpty();
  }

  @Test
  void badLinesAreSkippedWithTheirLineNumberAndReasonAndTheRestIsKept() throws Exception {
    PoseTrack track = read(
        line(0, "[" + hand("right") + "]"),
        "{\"frame_index\": 1, \"pts_us\": 33333, \"hands\": [",
        line(2, "[{\"side\":\"right\",\"keypoints_3d\":" + points(20, 0.01) + "}]"),
        "{\"pts_us\": 99999, \"hands\": []}",
        line(4, "[{\"side\":\"middle\",\"keypoints_3d\":" + POINTS + "}]"),
        line(5, "[" + hand("left") + "," + hand("left") + "]"),
        line(6, "[{\"side\":\"right\",\"keypoints_3d\":" + POINTS.replaceFirst("0.5", "\"x\"") + "}]"),
        "{\"frame_index\": -1, \"pts_us\": 0, \"hands\": []}",
        "{\"frame_index\": 8, \"pts_us\": 0}",
        "",
        line(9, "[" + hand("right") + "]"));

    assertThat(track.lines()).isEqualTo(10);
    assertThat(track.frames()).extracting(PoseLine::frameIndex).containsExactly(0, 9);
    assertThat(track.frames().get(1).lineNumber()).isEqualTo(11);
    assertThat(track.errors()).extracting(PoseLineError::lineNumber).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(track.errors()).extracting(PoseLineError::reason).satisfiesExactly(
        r -> assertThat(r).contains("not valid JSON"),
        r -> assertThat(r).contains("\"hands[0].keypoints_3d\" must be 21 [x, y, z] points", "an array of 20"),
        r -> assertThat(r).contains("\"frame_index\" must be an integer >= 0", "nothing"),
        r -> assertThat(r).contains("\"hands[0].side\" must be \"left\" or \"right\""),
        r -> assertThat(r).contains("two hands with side \"left\""),
        r -> assertThat(r).contains("must hold finite numbers"),
        r -> assertThat(r).contains("\"frame_index\" must be an integer >= 0"),
        r -> assertThat(r).contains("\"hands\" must be an array"));
  }

  @Test
  void ofTwoLinesForOneFrameTheLastWins() throws Exception {
    PoseTrack track = read(line(1, "[]"), line(0, "[]"), line(1, "[" + hand("left") + "]"));

    assertThat(track.duplicateFrames()).isEqualTo(1);
    assertThat(track.frames()).extracting(PoseLine::frameIndex).containsExactly(0, 1);
    assertThat(track.frames().get(1).lineNumber()).isEqualTo(3);
    assertThat(track.frames().get(1).hands()).hasSize(1);
  }

  @Test
  void theFixtureConvertsTo621ValidLines(@TempDir Path dir) throws Exception {
    Path pose = dir.resolve("pose.jsonl");
    HumanClipFixture.writePose(pose);

    PoseTrack track;
    try (BufferedReader reader = Files.newBufferedReader(pose)) {
      track = PoseJsonlReader.lenient(reader);
    }
    assertThat(track.lines()).isEqualTo(621);
    assertThat(track.errors()).isEmpty();
    assertThat(track.frames()).hasSize(621);
    assertThat(Arrays.copyOfRange(track.frames().get(0).hands().get(0).keypoints(), 0, 3))
        .containsExactly(0.0, 0.0, 0.0);
    assertThat(track.frames().get(620).ptsUs()).isEqualTo(20_666_667L);
  }
}
