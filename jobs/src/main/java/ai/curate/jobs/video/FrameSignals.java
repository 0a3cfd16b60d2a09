package ai.curate.jobs.video;

import java.io.Serializable;

/**
 * Cheap quality signals of one decoded frame, computed on its downscaled grey image (see {@link FrameSignalCalculator}).
 *
 * @param frameIndex 0-based position of the frame in presentation order (estimated from the timestamp in key-frame mode)
 * @param ptsUs presentation timestamp in microseconds, on the stream's clock
 * @param keyFrame whether the decoder marked the frame as a key frame
 * @param brightness mean luma, 0-255, higher is brighter
 * @param contrast population standard deviation of luma
 * @param sharpness population variance of the 4-neighbour Laplacian over interior pixels, higher is sharper
 * @param diffFromPrevious mean absolute luma difference from the previous analysed frame; null for the first
 * @param maxDiffFromPrevious largest absolute luma difference of one pixel from the previous analysed frame; null for
 *     the first
 * @param sceneScore FFmpeg scdet's score, 0-100: min(difference, change of difference); null for the first frame
 */
public record FrameSignals(
    int frameIndex,
    long ptsUs,
    boolean keyFrame,
    double brightness,
    double contrast,
    double sharpness,
    Double diffFromPrevious,
    Integer maxDiffFromPrevious,
    Double sceneScore,
    boolean frozen,
    boolean black,
    boolean sceneCut) implements Serializable {}
