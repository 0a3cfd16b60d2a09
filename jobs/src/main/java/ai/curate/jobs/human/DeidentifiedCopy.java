package ai.curate.jobs.human;

import ai.curate.jobs.video.FaceBlurResult;
import java.io.Serializable;

/**
 * A clip's de-identified video, written by the face-blur pass.
 *
 * @param path where the copy is ({@code <face_blur.output>/date=D/<dataset>/<clip_id>/video.mp4})
 * @param bytes size of the copy
 * @param detector the detector and its settings ({@link ai.curate.jobs.video.FaceBlurOptions#describe()})
 */
public record DeidentifiedCopy(String path, long bytes, String detector, FaceBlurResult result)
    implements
      Serializable {}
