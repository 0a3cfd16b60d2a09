package ai.curate.jobs.view;

import java.util.List;

/**
 * Everything an entity's page shows, gathered by {@link EpisodeView} and drawn by {@link EpisodePage}.
 *
 * @param facts    header lines: label and value (source, robot or dataset, duration, steps, split, task)
 * @param plots    rendered plot figures ({@link SvgPlot#render}), in page order
 * @param joints   the joint series' names, in the order of the joint plots' series (for the show/hide boxes)
 * @param notes    what the page could not show and why (e.g. an unreadable video)
 */
public record PageData(ViewEntity entity, List<String[]> facts, List<RuleVerdict> verdicts, List<RuleSpans> spans,
    List<String> plots, List<String> joints, List<Thumbnail> thumbnails, List<String> hands, List<String> notes,
    PixelGrid grid) {

  /** A camera frame at a step; {@code reason} names the rules whose span starts there ("" for a regular one). */
  public record Thumbnail(long step, int frameIndex, String dataUri, String reason) {}

  public boolean quarantined() {
    return verdicts.stream().anyMatch(RuleVerdict::holdsBack);
  }
}
