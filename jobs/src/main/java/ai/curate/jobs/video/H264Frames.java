package ai.curate.jobs.video;

/** Reading the NAL units of an H.264 access unit in Annex B form (ITU-T H.264, Annex B byte stream). */
final class H264Frames {
  private static final int NAL_IDR_SLICE = 5;

  private H264Frames() {}

  /** Whether the access unit holds a NAL unit of type 5 (a slice of an IDR picture): it decodes on its own. */
  static boolean hasIdrSlice(byte[] au) {
    int i = 0;
    while (i + 3 < au.length) {
      // A start code is 00 00 01 (a 4-byte 00 00 00 01 ends the same way); the NAL header byte follows it.
      if (au[i] == 0 && au[i + 1] == 0 && au[i + 2] == 1) {
        if ((au[i + 3] & 0x1F) == NAL_IDR_SLICE) {
          return true;
        }
        i += 3;
      } else {
        i++;
      }
    }
    return false;
  }
}
