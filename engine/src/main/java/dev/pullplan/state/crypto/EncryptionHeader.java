package dev.pullplan.state.crypto;

/**
 * What a file holding sealed values records about its key: how to make it again, and a check
 * value that tells a wrong key apart before any value is opened.
 */
public record EncryptionHeader(KeyOrigin origin, String keyCheck) {

  public static final String CIPHER = "AES-256-GCM";
}
