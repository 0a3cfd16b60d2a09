package ai.curate.jobs.video;

import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Writes a de-identified copy of a local video: every frame decoded, faces found by {@link FaceDetector} blurred beyond
 * recognition (the region is decimated 8x, blurred and scaled back up, which removes the detail a recogniser needs
 * and costs little), and re-encoded in the same order at the source's declared frame rate, so frame {@code i} of the
 * copy is frame {@code i} of the source and {@code frame_index} joins still hold. The display rotation is kept, and
 * faces are searched for in the picture as it is displayed (a sideways phone video stores faces sideways).
 *
 * <p>Audio is dropped (voices identify people too). One decoder and one encoder thread, like {@link VideoAnalyzer};
 * grabber, recorder and OpenCV buffers are released before {@link #blur} returns or throws.
 */
public final class FaceBlurrer {
  private final FaceBlurOptions options;

  public FaceBlurrer(FaceBlurOptions options) {
    this.options = options;
  }

  /** Reads {@code source} and writes the de-identified copy to {@code target} (MP4, replaced if present). */
  public FaceBlurResult blur(Path source, Path target) throws VideoUnreadableException {
    if (!Files.isRegularFile(source)) {
      throw new VideoUnreadableException("video file not found: " + source);
    }
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile());
    grabber.setImageMode(FrameGrabber.ImageMode.COLOR);
    grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
    grabber.setVideoOption("threads", "1");
    FFmpegFrameRecorder recorder = null;
    try (FaceDetector detector = new FaceDetector(options);
        OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
      try {
        grabber.start();
      } catch (FrameGrabber.Exception | RuntimeException e) {
        throw new VideoUnreadableException("FFmpeg cannot open it as a video: " + e.getMessage(), e);
      }
      if (!grabber.hasVideo()) {
        throw new VideoUnreadableException("the file has no video stream");
      }
      recorder = recorder(grabber, target);
      FaceBlurResult result = copy(grabber, recorder, detector, converter, StreamFacts.rotation(grabber));
      FFmpegFrameRecorder finishing = recorder;
      recorder = null;
      finish(finishing);
      return result;
    } finally {
      // Only after a failure is the recorder still open here: free it quietly, so that the caller sees the first
      // error (the one that says what went wrong with the video), not a follow-on one from the half-written file.
      abandon(recorder);
      try {
        grabber.release();
      } catch (FrameGrabber.Exception | RuntimeException e) {
        // Nothing left to read; releasing only frees native memory.
      }
    }
  }

  private FaceBlurResult copy(FFmpegFrameGrabber grabber, FFmpegFrameRecorder recorder, FaceDetector detector,
      OpenCVFrameConverter.ToMat converter, int rotation) throws VideoUnreadableException {
    long frames = 0;
    long framesWithFaces = 0;
    long faces = 0;
    int maxFaces = 0;
    String stopped = null;
    try (Mat small = new Mat()) {
      while (true) {
        Frame frame;
        try {
          frame = grabber.grabImage();
        } catch (FrameGrabber.Exception | RuntimeException e) {
          stopped = e.getMessage();
          break;
        }
        if (frame == null) {
          break;
        }
        if (frame.image == null || frame.image[0] == null) {
          continue;
        }
        // The Mat wraps the frame's own buffer: blurring it edits the picture the recorder then encodes.
        Mat picture = converter.convert(frame);
        List<Rect> found = detector.detect(picture, rotation);
        for (Rect face : found) {
          obscure(picture, face, small);
        }
        if (!found.isEmpty()) {
          framesWithFaces++;
          faces += found.size();
          maxFaces = Math.max(maxFaces, found.size());
        }
        try {
          recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
        } catch (FrameRecorder.Exception | RuntimeException e) {
          throw new IllegalStateException("encoding frame " + frames + " of the de-identified copy failed: "
              + e.getMessage(), e);
        }
        frames++;
      }
    }
    if (frames == 0) {
      throw new VideoUnreadableException("no frame could be decoded" + (stopped == null ? "" : " (" + stopped + ")"));
    }
    return new FaceBlurResult(frames, framesWithFaces, faces, maxFaces, recorder.getVideoCodecName() != null
        ? recorder.getVideoCodecName()
        : "mpeg4", stopped);
  }

  /** Decimates the region 8x, blurs it and scales it back up in place. */
  static void obscure(Mat picture, Rect region, Mat scratch) {
    try (Mat roi = new Mat(picture, region)) {
      int w = Math.max(1, region.width() / 8);
      int h = Math.max(1, region.height() / 8);
      resize(roi, scratch, new Size(w, h), 0, 0, INTER_AREA);
      double sigma = Math.max(1.0, Math.max(w, h) / 4.0);
      GaussianBlur(scratch, scratch, new Size(0, 0), sigma);
      // roi already has the target size and type, so resize writes straight into the picture's pixels.
      resize(scratch, roi, roi.size(), 0, 0, INTER_LINEAR);
    }
  }

  private static FFmpegFrameRecorder recorder(FFmpegFrameGrabber grabber, Path target) throws VideoUnreadableException {
    int width = grabber.getImageWidth();
    int height = grabber.getImageHeight();
    double fps = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 30.0;
    FFmpegFrameRecorder recorder = VideoCodecs.mp4Recorder(target, width, height, fps);
    // At least the source's bit rate, and never starved: the copy is training data, not a thumbnail.
    long floor = (long) (width * (long) height * fps / 4);
    recorder.setVideoBitrate((int) Math.min(Integer.MAX_VALUE, Math.max(grabber.getVideoBitrate(), floor)));
    double rotation = grabber.getDisplayRotation();
    // Same number as the source's display matrix, or its legacy rotate tag when it has no matrix (StreamFacts).
    recorder.setDisplayRotation(rotation != 0 && !Double.isNaN(rotation) ? rotation : StreamFacts.rotation(grabber));
    try {
      recorder.start();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      abandon(recorder);
      throw new IllegalStateException("cannot start the encoder for the de-identified copy " + target + ": "
          + e.getMessage(), e);
    }
    return recorder;
  }

  /** Writes the end of the file (the MP4 index): part of a successful copy, so a failure fails it. */
  private static void finish(FFmpegFrameRecorder recorder) {
    try {
      recorder.stop();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      abandon(recorder);
      throw new IllegalStateException("finishing the de-identified copy failed: " + e.getMessage(), e);
    }
    abandon(recorder);
  }

  /** Frees the encoder's native memory; errors are dropped, because freeing is all that is left to do. */
  private static void abandon(FFmpegFrameRecorder recorder) {
    if (recorder == null) {
      return;
    }
    try {
      recorder.release();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      // Nothing more can be done for a file that is already given up or finished.
    }
  }
}
