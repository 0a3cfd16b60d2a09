package ai.curate.jobs.video;

import java.io.Serializable;

/**
 * What the face-blur pass did to one video.
 *
 * @param frames frames decoded and written to the de-identified copy (the copy has them in the same order)
 * @param framesWithFaces frames in which at least one face was found and blurred
 * @param faces faces blurred, summed over frames
 * @param maxFacesInFrame the most faces found in one frame
 * @param codec encoder of the copy
 * @param decodeStopped why decoding stopped early, or null when the whole video was read
 */
public record FaceBlurResult(long frames, long framesWithFaces, long faces, int maxFacesInFrame, String codec,
    String decodeStopped) implements Serializable {}
