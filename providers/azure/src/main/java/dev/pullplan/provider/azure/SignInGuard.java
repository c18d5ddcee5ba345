package dev.pullplan.provider.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.pullplan.PullplanException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The credential pullplan signs in with, when the client credentials are set in the environment:
 * a failure of the token endpoint itself (down, unreachable, refusing the secret) is reported as
 * that — naming the endpoint and its answer — instead of the SDK's "no login found", and it is
 * remembered, so the rest of the run fails at once instead of asking the endpoint again for every
 * call (a plan makes dozens; during an outage each one waited out the SDK's retries).
 */
final class SignInGuard implements TokenCredential {
  private final TokenCredential delegate;
  private final String tokenEndpoint;
  private volatile Optional<PullplanException> failed = Optional.empty();

  SignInGuard(TokenCredential delegate, String tokenEndpoint) {
    this.delegate = delegate;
    this.tokenEndpoint = tokenEndpoint;
  }

  /** Whether the environment names a client to sign in as: then the token endpoint is the one talked to. */
  static boolean clientCredentialsSet(Map<String, String> env) {
    return present(env, "AZURE_CLIENT_ID") && present(env, "AZURE_TENANT_ID")
        && (present(env, "AZURE_CLIENT_SECRET") || present(env, "AZURE_CLIENT_CERTIFICATE_PATH"));
  }

  /** {@code https://login.microsoftonline.com/TENANT/oauth2/v2.0/token}, or the private cloud's. */
  static String tokenEndpoint(String authorityHost, String tenant) {
    return authorityHost.replaceAll("/+$", "") + "/" + tenant + "/oauth2/v2.0/token";
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return Mono.defer(() -> failed.<Mono<AccessToken>>map(e -> Mono.error(again(e)))
        .orElseGet(() -> delegate.getToken(request).onErrorMap(RuntimeException.class, this::explain)));
  }

  @Override
  public AccessToken getTokenSync(TokenRequestContext request) {
    Optional<PullplanException> earlier = failed;
    if (earlier.isPresent()) {
      throw again(earlier.get());
    }
    try {
      return delegate.getTokenSync(request);
    } catch (RuntimeException e) {
      throw explain(e);
    }
  }

  private RuntimeException explain(RuntimeException e) {
    Optional<PullplanException> plain = explanation(e, tokenEndpoint);
    plain.ifPresent(p -> failed = Optional.of(p));
    return plain.<RuntimeException>map(p -> p).orElse(e);
  }

  private static PullplanException again(PullplanException first) {
    return new PullplanException(first.getMessage(), first.getCause());
  }

  /**
   * What went wrong at the token endpoint, in words; empty when the failure is not the endpoint's
   * (then the SDK's own account stands). Never quotes the endpoint's error text, which may echo
   * the request.
   */
  static Optional<PullplanException> explanation(Throwable e, String tokenEndpoint) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof MsalServiceException ms) {
        int status = ms.statusCode();
        String answer = status + (ms.errorCode() == null ? "" : " " + ms.errorCode());
        if (status >= 500 || status == 429) {
          return Optional.of(new PullplanException("signing in to Azure failed: the Entra token endpoint "
              + tokenEndpoint + " answered " + answer + " (Azure sign-in is unavailable; pullplan gave up after"
              + " its bounded retries): try again later", e));
        }
        if (status >= 400) {
          return Optional.of(new PullplanException("signing in to Azure failed: the Entra token endpoint "
              + tokenEndpoint + " refused the client credentials (" + answer + "): check AZURE_TENANT_ID,"
              + " AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH)", e));
        }
      }
      if (t instanceof IOException io) {
        return Optional.of(new PullplanException("signing in to Azure failed: the Entra token endpoint "
            + tokenEndpoint + " could not be reached (" + io.getClass().getSimpleName()
            + (io.getMessage() == null ? "" : ": " + io.getMessage()) + "): check the network, and"
            + " AZURE_AUTHORITY_HOST (authority_host) for a private cloud", e));
      }
    }
    return Optional.empty();
  }

  private static boolean present(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }
}
