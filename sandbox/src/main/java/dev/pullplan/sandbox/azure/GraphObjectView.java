package dev.pullplan.sandbox.azure;

import java.time.Instant;
import java.util.List;

/** An application or service principal of the sandbox's directory. */
public record GraphObjectView(String id, String appId, String displayName, Instant createdDateTime,
    List<PasswordView> passwords) {

  public GraphObjectView {
    passwords = List.copyOf(passwords);
  }

  public List<String> passwordKeyIds() {
    return passwords.stream().map(PasswordView::keyId).toList();
  }
}
