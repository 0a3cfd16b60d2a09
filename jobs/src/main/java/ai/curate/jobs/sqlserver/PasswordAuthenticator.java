package ai.curate.jobs.sqlserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.security.sasl.AuthenticationException;
import org.apache.hive.service.auth.PasswdAuthenticationProvider;

/**
 * The password check of {@code curate sql-server} when it listens beyond this machine (HiveServer2's CUSTOM
 * authentication): one user name and the password of the environment variable {@link #PASSWORD_ENV}, both fixed when
 * the server starts (the server instantiates this class by name, hence the system properties).
 */
public final class PasswordAuthenticator implements PasswdAuthenticationProvider {
  /** Environment variable holding the password clients must give. */
  public static final String PASSWORD_ENV = "CURATE_SQL_SERVER_PASSWORD";

  static final String USER_PROPERTY = "curate.sqlserver.user";

  @Override
  public void Authenticate(String user, String password) throws AuthenticationException {
    String expectedUser = System.getProperty(USER_PROPERTY, "");
    String expectedPassword = System.getenv(PASSWORD_ENV);
    if (expectedPassword == null || expectedPassword.isEmpty()) {
      throw new AuthenticationException("the server has no password configured");
    }
    boolean userOk = equal(expectedUser, user == null ? "" : user);
    boolean passwordOk = equal(expectedPassword, password == null ? "" : password);
    if (!(userOk && passwordOk)) {
      throw new AuthenticationException("wrong user name or password");
    }
  }

  /** Compared in constant time: the time taken says nothing about how much of a guess was right. */
  private static boolean equal(String expected, String given) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
