package dev.pullplan.provider.azure;

import dev.pullplan.address.Address;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The names pullplan gives what it makes in Azure, from the stack and the access they serve:
 * stable across runs, so a half-done create is found again by name.
 */
final class AzureNames {
  private static final int ACR_NAME_MAX = 50;

  private AzureNames() {}

  /** ACR token and scope map names allow letters, digits and hyphens (5 to 50 characters). */
  static String acrName(String stack, Address access) {
    String name = base(stack, access).replaceAll("[^A-Za-z0-9-]", "-").toLowerCase(Locale.ROOT);
    return name.length() > ACR_NAME_MAX ? name.substring(0, ACR_NAME_MAX) : name;
  }

  /** The Entra application's display name: Entra allows any text. */
  static String displayName(String stack, Address access) {
    return base(stack, access);
  }

  /** {@code facts} with {@code key} set to {@code value}, where the handler's schema puts it. */
  static Map<String, Object> with(Map<String, Object> facts, String key, Object value) {
    Map<String, Object> out = new LinkedHashMap<>(facts);
    out.put(key, value);
    return out;
  }

  private static String base(String stack, Address access) {
    return "pullplan-" + stack + "-" + access.blockName();
  }
}
