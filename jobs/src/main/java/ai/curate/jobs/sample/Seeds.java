package ai.curate.jobs.sample;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Independent, reproducible random streams derived from the user's seed and a label. Every session, clip and
 * stream draws from its own stream, so adding faulty sessions or another clip never changes the clean ones.
 */
final class Seeds {
  private Seeds() {}

  static long derive(long seed, String label, long index) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ (b & 0xFF));
    }
    return mix(h ^ mix(index + 0x632BE59BD9B4E019L));
  }

  static SplittableRandom random(long seed, String label, long index) {
    return new SplittableRandom(derive(seed, label, index));
  }

  /** A version-4-shaped UUID from the random stream: ids look real and are reproducible. */
  static String uuid(SplittableRandom rng) {
    long msb = (rng.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
    long lsb = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  /** MurmurHash3's 64-bit finaliser: a good avalanche for seed derivation. */
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }
}
