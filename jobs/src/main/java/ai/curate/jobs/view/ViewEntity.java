package ai.curate.jobs.view;

import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The whole identity of what a page shows: a robot episode (robot, session, episode id) or a human clip (dataset,
 * clip id), as gold.quality_report carries it. An episode id alone is unique only within its session.
 */
public record ViewEntity(String type, String id, String robotId, String sessionId, String dataset) {
  public static final String EPISODE = "episode";
  public static final String CLIP = "clip";

  public boolean isClip() {
    return CLIP.equals(type);
  }

  /** robot/session/episode or dataset/clip, as the quality report names entities. */
  public String named() {
    return Stream.of(robotId, sessionId, dataset, id).filter(Objects::nonNull).collect(Collectors.joining("/"));
  }

  /** A file name for the entity's page, unique per identity: {@code view-<type>-<parts>.html}. */
  public String fileName() {
    String parts = Stream.of(robotId, sessionId, dataset, id).filter(Objects::nonNull)
        .map(p -> p.replaceAll("[^A-Za-z0-9._-]", "_")).collect(Collectors.joining("__"));
    return "view-" + type + "-" + parts + ".html";
  }
}
