package dev.pullplan.state.crypto;

import dev.pullplan.PullplanException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** An AES-256 key ready to seal and open values, with the header that lets a reader find it again. */
public final class DataKey {
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] CHECK_LABEL = "pullplan key check v1".getBytes(StandardCharsets.UTF_8);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final EncryptionHeader header;

  DataKey(byte[] keyBytes, KeyOrigin origin) {
    if (keyBytes.length != 32) {
      throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + keyBytes.length);
    }
    this.key = new SecretKeySpec(keyBytes, "AES");
    this.header = new EncryptionHeader(origin, checkValue(key));
  }

  public EncryptionHeader header() {
    return header;
  }

  /** True when this is the key {@code other} was written with (compared in constant time). */
  boolean matches(EncryptionHeader other) {
    return header.origin().equals(other.origin())
        && MessageDigest.isEqual(
            header.keyCheck().getBytes(StandardCharsets.US_ASCII),
            other.keyCheck().getBytes(StandardCharsets.US_ASCII));
  }

  public Sealed seal(String plaintext) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      Base64.Encoder b64 = Base64.getEncoder();
      return new Sealed(b64.encodeToString(iv), b64.encodeToString(ciphertext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /**
   * @throws PullplanException when the value does not authenticate: altered, damaged, or sealed
   *     with another key (the header check normally catches that earlier)
   */
  public String open(Sealed sealed) {
    try {
      Base64.Decoder b64 = Base64.getDecoder();
      byte[] iv = b64.decode(sealed.iv());
      if (iv.length != IV_BYTES) {
        throw new PullplanException("an encrypted value has a " + iv.length + "-byte IV, expected " + IV_BYTES);
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      return new String(cipher.doFinal(b64.decode(sealed.ciphertext())), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      // the cause is dropped on purpose: it says nothing useful and must not carry key material
      throw new PullplanException("an encrypted value does not decrypt: it was altered or damaged");
    }
  }

  /**
   * An HMAC-SHA256 of {@code data} under a key derived from this one for {@code purpose}, so the
   * data key itself never MACs caller-chosen bytes and each purpose has its own key.
   */
  public byte[] mac(String purpose, byte[] data) {
    try {
      Mac derive = Mac.getInstance("HmacSHA256");
      derive.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      byte[] purposeKey = derive.doFinal(("pullplan mac v1: " + purpose).getBytes(StandardCharsets.UTF_8));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(purposeKey, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  private static String checkValue(SecretKeySpec key) {
    try {
      // an HMAC under the key, not the key's hash: a check value must not be a cheap key fingerprint
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(CHECK_LABEL));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "DataKey[" + header.origin() + "]";
  }
}
