package dev.pullplan.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullplan.PullplanException;
import dev.pullplan.state.StateCodec;
import dev.pullplan.state.crypto.DataKey;
import dev.pullplan.state.crypto.EncryptionHeader;
import dev.pullplan.state.crypto.Keyring;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * The seal of a saved plan over its content (the file's JSON without the seal, written compactly).
 *
 * <p>With a state key: an HMAC-SHA256 under a key derived from the state key. Nobody without the
 * key can change an action, an address or a value and make the plan verify again.
 *
 * <p>Without a key: a SHA-256 digest. It catches damage, truncation and edits by hand or by a
 * tool that does not know the format; it does not stop someone who can write the file and
 * recomputes the digest, since anyone can. A plan made without a key is therefore refused once a
 * key is configured: else such a plan could stand in for a keyed one.
 */
final class PlanSeal {
  static final String HMAC = "hmac-sha256";
  static final String DIGEST = "sha256";
  private static final String PURPOSE = "saved plan";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PlanSeal() {}

  static ObjectNode seal(byte[] content, Optional<Keyring> keyring) {
    ObjectNode seal = NODES.objectNode();
    if (keyring.isPresent()) {
      DataKey key = keyring.get().writeKey();
      seal.put("kind", HMAC);
      seal.set("encryption", StateCodec.encryptionHeaderJson(key.header()));
      seal.put("value", Base64.getEncoder().encodeToString(key.mac(PURPOSE, content)));
    } else {
      seal.put("kind", DIGEST);
      seal.put("value", Base64.getEncoder().encodeToString(sha256(content)));
    }
    return seal;
  }

  /** @throws PullplanException saying what to do when the seal is absent, of the wrong kind, or does not match */
  static void verify(JsonNode seal, byte[] content, Optional<Keyring> keyring, Path file) {
    if (seal == null || !seal.isObject()) {
      throw new PullplanException("the plan file " + file + " has no seal, so what it would do cannot be trusted;"
          + " make a new one with `pullplan plan --out " + file + "`");
    }
    String kind = seal.path("kind").asText();
    byte[] expected;
    if (kind.equals(HMAC)) {
      EncryptionHeader header = StateCodec.encryptionHeader(seal.get("encryption"), "the plan file " + file + " (seal)");
      DataKey key = keyring.orElseThrow(() -> new PullplanException("the plan file " + file + " was sealed with a state"
          + " key and no key is configured: set " + Keyring.PASSPHRASE + " or " + Keyring.KEY_FILE
          + " to the key it was made with")).readKey(header, "the plan file " + file);
      expected = key.mac(PURPOSE, content);
    } else if (kind.equals(DIGEST)) {
      if (keyring.isPresent()) {
        throw new PullplanException("the plan file " + file + " was made without a state key, so nothing proves it"
            + " was not changed since; with " + Keyring.PASSPHRASE + " or " + Keyring.KEY_FILE + " set, make a new"
            + " one with `pullplan plan --out " + file + "`");
      }
      expected = sha256(content);
    } else {
      throw new PullplanException("the plan file " + file + " has a seal of an unknown kind; make a new one with"
          + " `pullplan plan --out " + file + "`");
    }
    byte[] actual;
    try {
      actual = Base64.getDecoder().decode(seal.path("value").asText());
    } catch (IllegalArgumentException e) {
      actual = new byte[0];
    }
    if (!MessageDigest.isEqual(expected, actual)) {
      throw new PullplanException("the plan file " + file + " does not verify: it was changed after"
          + " `pullplan plan --out` wrote it, or damaged; nothing was applied. Make a new one with"
          + " `pullplan plan --out " + file + "`");
    }
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }
}
