package ai.curate.jobs.sample;

/**
 * Receives a fleet session's samples as {@link FleetSessionWriter} generates them, so another format can be written
 * from exactly the values and times that go into the bundle (same seed, same samples) without generating twice.
 */
interface SessionSink {
  /** Does nothing: the bundle alone. */
  SessionSink NONE = new SessionSink() {};

  /** A stream's rows as they are written to its Arrow file (device times, after any planted row fault). */
  default void rows(FleetLayout.StreamSpec spec, StreamBatch batch) {}

  /** A camera frame as it is encoded into the video; {@code captureTsNs} is its frame-index time (device clock). */
  default void frame(FleetLayout.CameraSpec camera, long captureTsNs, Canvas canvas) {}

  /** One line of {@code events.jsonl} (without the line end) and its {@code ts_ns} (robot clock). */
  default void event(long tsNs, String line) {}

  /** The bundle is complete. */
  default void finish() {}
}
