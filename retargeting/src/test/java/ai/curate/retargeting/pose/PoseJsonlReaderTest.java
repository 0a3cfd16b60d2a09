package ai.curate.retargeting.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
