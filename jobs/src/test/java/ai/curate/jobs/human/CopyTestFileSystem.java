package ai.curate.jobs.human;

import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under another scheme ({@code copytest:}), so the ingester treats it as remote storage and takes the
 * copy-to-scratch path, exactly as it does for s3a or abfs, with real file reads.
 */
public class CopyTestFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "copytest";

  public static Configuration configuration() {
    Configuration conf = new Configuration();
    conf.set("fs." + SCHEME + ".impl", CopyTestFileSystem.class.getName());
    conf.setBoolean("fs." + SCHEME + ".impl.disable.cache", true);
    return conf;
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }
}
