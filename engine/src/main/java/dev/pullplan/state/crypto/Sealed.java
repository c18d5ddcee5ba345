package dev.pullplan.state.crypto;

/**
 * One value encrypted with AES-256-GCM: its 96-bit IV and the ciphertext with the GCM tag
 * appended, both base64. Safe to print: it reveals nothing without the key.
 */
public record Sealed(String iv, String ciphertext) {}
