package ai.curate.jobs.fleet;

import java.io.Serializable;

/**
 * A camera video's probe (container header and stream parameters; no full decode).
 *
 * @param declaredFrames the container's frame count, null when it does not say
 * @param durationNs the container's duration, null when unknown
 */
public record VideoInfo(String camera, String file, long sizeBytes, String container, String codec, int width,
    int height, Double fps, Long declaredFrames, Long durationNs, Double manifestFps, long clockOffsetNs)
    implements
      Serializable {}
