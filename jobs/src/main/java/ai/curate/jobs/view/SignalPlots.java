package ai.curate.jobs.view;

import java.util.List;

/** The rendered plot figures of a page, in order. */
public record SignalPlots(List<String> figures) {}
