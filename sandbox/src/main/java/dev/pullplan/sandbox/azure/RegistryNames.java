package dev.pullplan.sandbox.azure;

import java.util.regex.Pattern;

/**
 * The names a registry's new scope maps and tokens may have: the containerregistry 2025-11-01
 * spec's path parameter rules (5 to 50 characters, letters, digits and hyphens). Checked on create
 * only: the built-in scope maps ({@code _repositories_pull}, …) break the rule and are still read.
 * The error code is ARM's for a refused resource name; the exact message ACR writes is not confirmed.
 */
final class RegistryNames {
  private static final Pattern ALLOWED = Pattern.compile("[a-zA-Z0-9-]{5,50}");

  private RegistryNames() {}

  static void requireValid(String kind, String name) {
    if (!ALLOWED.matcher(name).matches()) {
      throw ApiException.badRequest("InvalidResourceName", "The " + kind + " name '" + name
          + "' is invalid: it must be 5 to 50 characters long and contain only letters, digits and hyphens.");
    }
  }
}
