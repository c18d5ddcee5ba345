package dev.pullplan.backend.git;

import dev.pullplan.PullplanException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The repository state lives in: a URL ({@code https://}, {@code ssh://}, {@code git@host:path},
 * {@code file://}) or a local path, relative to the config directory. Named in messages without
 * any password it may carry.
 */
record GitRemote(URIish uri, Optional<CredentialsProvider> credentials) {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final Pattern SCP_LIKE = Pattern.compile("^[^/@:]+@[^/:]+:.*");

  /**
   * @param token a token for HTTPS, sent as the password of {@code username}
   */
  static GitRemote of(String url, Path stackDir, Optional<String> username, Optional<String> token) {
    String located = SCHEME.matcher(url).matches() || SCP_LIKE.matcher(url).matches()
        ? url : stackDir.resolve(url).toAbsolutePath().normalize().toString();
    URIish uri;
    try {
      uri = new URIish(located);
    } catch (URISyntaxException e) {
      throw new PullplanException("the git backend url \"" + redacted(url) + "\" is not a repository URL or path");
    }
    Optional<CredentialsProvider> credentials = token.map(
        t -> new UsernamePasswordCredentialsProvider(username.orElse(GitStateBackendFactory.DEFAULT_USERNAME), t));
    return new GitRemote(uri, credentials);
  }

  /** The URL with any password removed. */
  String describe() {
    return uri.setPass(null).toString();
  }

  private static String redacted(String url) {
    return url.replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
  }

  @Override
  public String toString() {
    return describe();
  }
}
