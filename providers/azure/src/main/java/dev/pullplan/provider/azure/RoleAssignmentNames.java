package dev.pullplan.provider.azure;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.UUID;

/**
 * The name of a role assignment pullplan makes: a UUIDv5 (RFC 4122, SHA-1) of scope, principal and
 * role. The same grant always gets the same name, so a re-run after a crash PUTs the same object
 * instead of adding a duplicate next to it.
 */
final class RoleAssignmentNames {
  /** pullplan's own name space for these UUIDs; changing it would orphan every existing assignment. */
  static final UUID NAMESPACE = UUID.fromString("5b0f3c8e-6f4e-5d0a-9c61-7a2f0e1d4b93");

  private RoleAssignmentNames() {}

  static String of(String scope, String principalId, String roleDefinitionId) {
    String name = normalize(scope) + "|" + principalId.toLowerCase(Locale.ROOT) + "|" + roleGuid(roleDefinitionId);
    return uuid5(NAMESPACE, name).toString();
  }

  /** ARM ids are case-insensitive and come back with either casing of resourceGroups. */
  static String normalize(String scope) {
    String s = scope.toLowerCase(Locale.ROOT).replaceAll("/+", "/");
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** The GUID at the end of a role definition id, lower case. */
  static String roleGuid(String roleDefinitionId) {
    return roleDefinitionId.substring(roleDefinitionId.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
  }

  static UUID uuid5(UUID namespace, String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
          .putLong(namespace.getLeastSignificantBits()).array());
      byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
      hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
      hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
      ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
      return new UUID(b.getLong(), b.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-1", e);
    }
  }
}
