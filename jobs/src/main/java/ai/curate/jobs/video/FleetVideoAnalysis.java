package ai.curate.jobs.video;

import java.io.Serializable;
import java.util.List;

/**
 * What {@link FleetVideoAnalyzer} found in one fleet camera video.
 *
 * @param mode {@link FleetVideoOptions#PACKETS} or {@link FleetVideoOptions#FULL}
 * @param decoded the summary (timed by the packets in packets mode) and the decoded frames' signals
 * @param packets every frame's packet
 * @param signals what the packets say: dropped frames, frozen runs
 * @param flags fault flags ({@code FleetVideoOptions.FLAG_*}), empty when none
 */
public record FleetVideoAnalysis(String mode, VideoAnalysis decoded, PacketTrack packets, PacketSignals signals,
    List<String> flags) implements Serializable {

  public VideoSummary summary() {
    return decoded.summary();
  }

  public List<FrameSignals> frames() {
    return decoded.frames();
  }
}
