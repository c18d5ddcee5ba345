package dev.pullplan.provider.registry;

import dev.pullplan.address.Address;
import dev.pullplan.spi.Applied;
import dev.pullplan.spi.ApplyContext;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.RunContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code external_credential}: a username and password the user supplies. Nothing remote exists;
 * the password is read anew every run and never written to state unencrypted ({@link #ephemeral}).
 * Its fingerprint is sensitive and ephemeral too: the only key it could have without a state key
 * is public (the address), and a public-keyed hash of a password in a readable file can be guessed
 * offline. With a state key both are kept, encrypted, and a changed password shows as drift;
 * without one, the secrets that carry it still show the change (their password differs).
 */
final class ExternalCredentialHandler implements ResourceHandler {
  private static final String PASSWORD = "password";
  private static final String FINGERPRINT = "fingerprint";

  private final RunContext run;

  ExternalCredentialHandler(RunContext run) {
    this.run = run;
  }

  @Override
  public String whyNotImportable() {
    return "there is nothing to import: an external credential is read from its environment variable or file on"
        + " every plan";
  }

  @Override
  public Observed read(ReadRequest request) {
    if (request.desired().isEmpty()) {
      // only in state, about to be forgotten: nothing to read, and its source may be gone already
      ResourceState prior = request.prior().orElseThrow();
      return new Observed.Present(prior.id(), prior.attributes(), Map.of(), List.of());
    }
    Applied now = resolve(request.desired().get());
    return new Observed.Present(now.id(), now.attributes(), now.sensitive(), List.of());
  }

  @Override
  public Applied create(Desired desired, ApplyContext context) {
    return resolve(desired);
  }

  @Override
  public Applied update(Desired desired, ResourceState prior, ApplyContext context) {
    return resolve(desired);
  }

  @Override
  public void delete(ResourceState prior, ApplyContext context) {
    // the credential lives with the user, not in any system pullplan changes
  }

  @Override
  public Set<String> ephemeral() {
    return Set.of(PASSWORD, FINGERPRINT);
  }

  private Applied resolve(Desired desired) {
    String block = desired.address().block();
    String password = PasswordSource.of(desired.attributes(), block).read(run, block);
    Map<String, Object> attributes = new LinkedHashMap<>(desired.attributes());
    return Applied.of(desired.address().toString(), attributes,
        Map.of(PASSWORD, password, FINGERPRINT, fingerprint(desired.address(), password)));
  }

  /** HMAC-SHA256 of the password keyed with the address: comparable between runs, not reversible to it. */
  static String fingerprint(Address address, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(address.toString().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }
}
