package ai.curate.transforms.gold;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.spark.sql.Column;

/**
 * Train / val / test by a hash of the episode id alone, so an episode's split never depends on which other
 * episodes exist, on the run, or on the date it is published with: stable across reruns and as new data arrives,
 * and every step of an episode lands in the same split.
 *
 * <p>The hash: {@code u = first 52 bits of SHA-256(salt + episode_id as UTF-8) / 2^52}, uniform in [0, 1);
 * {@code u < train} is train, {@code u < train + val} is val, else test. 52 bits convert to a double exactly, so
 * this class (pure Java) and {@link #column} (Spark SQL: {@code sha2}, {@code conv}) give the same answer for every
 * id, and a researcher can recompute a split in plain SQL:
 * {@code conv(substr(sha2(concat(salt, episode_id), 256), 1, 13), 16, 10) / pow(2, 52)}.
 * Changing the salt reshuffles every episode: do it only when a new, independent split is wanted.
 */
public final class DeterministicSplit implements Serializable {
  private static final int HEX_DIGITS = 13;
  private static final double TWO_POW_52 = 0x1p52;

  private final SplitFractions fractions;
  private final String salt;

  public DeterministicSplit(SplitFractions fractions, String salt) {
    this.fractions = fractions;
    this.salt = salt == null ? "" : salt;
  }

  public static DeterministicSplit standard() {
    return new DeterministicSplit(SplitFractions.DEFAULT, "");
  }

  public SplitFractions fractions() {
    return fractions;
  }

  public String salt() {
    return salt;
  }

  /** The id's position in [0, 1). */
  public double unit(String episodeId) {
    byte[] digest = sha256((salt + episodeId).getBytes(StandardCharsets.UTF_8));
    long bits = 0;
    for (int i = 0; i < 7; i++) {
      bits = (bits << 8) | (digest[i] & 0xFF);
    }
    // 7 bytes are 56 bits; keep the first 52 (13 hex digits), as the SQL form does.
    return (bits >>> 4) / TWO_POW_52;
  }

  /** The split of one episode id. */
  public String splitOf(String episodeId) {
    double u = unit(episodeId);
    if (u < fractions.trainBound()) {
      return GoldColumns.TRAIN;
    }
    return u < fractions.valBound() ? GoldColumns.VAL : GoldColumns.TEST;
  }

  /** The same function as a Spark column over a string id column. */
  public Column column(Column episodeId) {
    Column u = unitColumn(episodeId);
    return when(u.lt(lit(fractions.trainBound())), lit(GoldColumns.TRAIN))
        .when(u.lt(lit(fractions.valBound())), lit(GoldColumns.VAL))
        .otherwise(lit(GoldColumns.TEST));
  }

  /** {@link #unit} as a Spark column. */
  public Column unitColumn(Column episodeId) {
    Column hex = substring(sha2(concat(lit(salt), episodeId), 256), 1, HEX_DIGITS);
    return conv(hex, 16, 10).cast("long").cast("double").divide(lit(TWO_POW_52));
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
