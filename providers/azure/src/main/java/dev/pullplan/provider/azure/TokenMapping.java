package dev.pullplan.provider.azure;

import com.azure.resourcemanager.containerregistry.fluent.models.TokenInner;
import com.azure.resourcemanager.containerregistry.models.TokenPassword;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An ACR token has two password slots. A rotation generates the slot not in use, so the old
 * password keeps working until every secret holds the new one; then the old slot is removed.
 */
final class TokenMapping {
  static final String FIRST_SLOT = "password1";
  static final String SECOND_SLOT = "password2";
  static final List<String> CONFIG = List.of("stack", "registry", "acr", "expires_after");

  private TokenMapping() {}

  static String otherSlot(String slot) {
    return FIRST_SLOT.equalsIgnoreCase(slot) ? SECOND_SLOT : FIRST_SLOT;
  }

  static List<TokenPassword> passwords(TokenInner token) {
    return token.credentials() == null || token.credentials().passwords() == null ? List.of()
        : token.credentials().passwords();
  }

  static Optional<TokenPassword> slot(TokenInner token, String slot) {
    return passwords(token).stream()
        .filter(p -> p.name() != null && p.name().toString().equalsIgnoreCase(slot))
        .findFirst();
  }

  static Map<String, Object> attributes(Map<String, Object> config, String name, String scopeMapId,
      TokenPassword password) {
    Map<String, Object> out = new LinkedHashMap<>(config);
    out.put("name", name);
    out.put("scope_map_id", scopeMapId);
    out.put("username", name);
    out.put("password_name", password.name().toString().toLowerCase(Locale.ROOT));
    if (password.creationTime() != null) {
      out.put("created_at", password.creationTime().toInstant().toString());
    }
    if (password.expiry() != null) {
      out.put("expires_at", password.expiry().toInstant().toString());
    }
    return out;
  }
}
