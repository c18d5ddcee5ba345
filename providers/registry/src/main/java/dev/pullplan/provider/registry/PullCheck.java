package dev.pullplan.provider.registry;

import dev.pullplan.spi.OncePerKey;
import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.provider.registry.RegistryFailure.CredentialsRejected;
import dev.pullplan.provider.registry.RegistryFailure.NotAllowed;
import dev.pullplan.spi.RegistryLoginCheck;
import dev.pullplan.spi.RunContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The check before cutover: authenticate (and HEAD the access's {@code probe_image}) with the
 * login a Secret is about to carry. Rejected or denied fails the change; a registry that cannot be
 * asked is a warning, because not knowing is not a refusal (a registry behind a private endpoint
 * is unreachable from many pipelines). A service principal's or ACR token's password that is
 * seconds old can be rejected while Entra and ACR replicate it, so those are retried for a bounded
 * time, said on the progress line; an external password is the user's and is not waited for.
 */
final class PullCheck implements RegistryLoginCheck {
  static final Duration REPLICATION_WAIT = Duration.ofSeconds(60);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(2);

  private final RunContext run;
  private final RegistryClient client;
  private final Duration replicationWait;
  private final OncePerKey<String, Optional<PullplanException>> answered = new OncePerKey<>();

  PullCheck(RunContext run, RegistryClient client, Duration replicationWait) {
    this.run = run;
    this.client = client;
    this.replicationWait = replicationWait;
  }

  @Override
  public void requireAccepted(Address secret, String server, String username, String password,
      Optional<String> probeImage, boolean mayReplicate) {
    Optional<ImageName> probe = probeImage.flatMap(ImageName::parse);
    String key = server + "\n" + username + "\n" + sha256(password) + "\n" + probe.map(ImageName::toString).orElse("");
    answered.get(key, k -> check(secret.block(), server, username, password, probe, mayReplicate))
        .ifPresent(e -> {
          throw e;
        });
  }

  private Optional<PullplanException> check(String block, String server, String username, String password,
      Optional<ImageName> probe, boolean mayReplicate) {
    RegistryCredential.Basic login = new RegistryCredential.Basic(username, password);
    long deadline = System.nanoTime() + (mayReplicate ? replicationWait.toNanos() : 0);
    Duration pause = FIRST_RETRY;
    long started = System.nanoTime();
    while (true) {
      try {
        if (probe.isPresent()) {
          client.head(server, login, probe.get());
        } else {
          client.authenticate(server, login);
        }
        return Optional.empty();
      } catch (RegistryException e) {
        RegistryFailure failure = e.failure();
        if (failure instanceof CredentialsRejected && System.nanoTime() + pause.toNanos() < deadline) {
          run.progress(block + ": registry " + server + " does not accept the new credentials of user " + username
              + " yet, waiting for Entra/ACR replication (" + Duration.ofNanos(System.nanoTime() - started).toSeconds()
              + " s of at most " + replicationWait.toSeconds() + " s)");
          sleep(pause);
          pause = pause.multipliedBy(2);
          continue;
        }
        if (failure instanceof CredentialsRejected || failure instanceof NotAllowed) {
          return Optional.of(new PullplanException(block + ": the registry refused the credential before it was"
              + " written to any Secret: " + failure.reason()));
        }
        run.warn(block + ": the credential was written without proof that it pulls: " + failure.reason());
        return Optional.empty();
      }
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PullplanException("interrupted while waiting for the registry to accept a credential");
    }
  }

  /** The cache key must not hold the password itself. */
  private static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
