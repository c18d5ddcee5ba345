package dev.pullplan.provider.azure;

import com.azure.resourcemanager.authorization.fluent.models.MicrosoftGraphApplicationInner;
import com.azure.resourcemanager.authorization.fluent.models.MicrosoftGraphPasswordCredentialInner;
import dev.pullplan.address.Address;
import dev.pullplan.spi.ResourceState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How pullplan marks and reads its Entra applications: tags with the stack and the address (so a
 * run that died before writing state finds its application again instead of making a second one),
 * a note for people who find it in the portal, and the state attributes of the credential.
 */
final class ServicePrincipalMapping {
  static final String MARK = "pullplan";
  static final List<String> CONFIG = List.of("stack", "registry", "display_name", "expires_after");

  private ServicePrincipalMapping() {}

  static List<String> tags(String stack, Address address) {
    return List.of(MARK, stackTag(stack), addressTag(address));
  }

  static String stackTag(String stack) {
    return MARK + ":stack=" + stack;
  }

  static String addressTag(Address address) {
    return MARK + ":address=" + address;
  }

  /** The applications carrying the tag: a filter Graph answers without advanced query parameters. */
  static String taggedFilter(String tag) {
    return "tags/any(t:t eq '" + ODataText.quote(tag) + "')";
  }

  static String notes(String stack, Address address) {
    return "Managed by pullplan (stack " + stack + ", " + address + "): image pull credential."
        + " Deleting it breaks image pulls; `pullplan destroy` removes it.";
  }

  /** Whether pullplan made this application for this resource of this stack. */
  static boolean isOurs(MicrosoftGraphApplicationInner app, String stack, Address address) {
    List<String> tags = Optional.ofNullable(app.tags()).orElse(List.of());
    return tags.contains(stackTag(stack)) && tags.contains(addressTag(address));
  }

  /** The stack the application was made for, as state recorded it; {@code current} for older state. */
  static String recordedStack(ResourceState prior, String current) {
    return Optional.ofNullable(prior.attributes().get("stack")).map(String::valueOf).orElse(current);
  }

  /** Password display names pullplan uses: how leftovers of a crashed run are told apart. */
  static String passwordName(String stack) {
    return MARK + " " + stack;
  }

  static boolean isOurPassword(MicrosoftGraphPasswordCredentialInner password) {
    return password.displayName() != null && password.displayName().startsWith(MARK + " ");
  }

  static Optional<MicrosoftGraphPasswordCredentialInner> password(MicrosoftGraphApplicationInner app, String keyId) {
    return Optional.ofNullable(app.passwordCredentials()).orElse(List.of()).stream()
        .filter(p -> p.keyId() != null && p.keyId().toString().equalsIgnoreCase(keyId))
        .findFirst();
  }

  static Map<String, Object> attributes(Map<String, Object> config, MicrosoftGraphApplicationInner app,
      String servicePrincipalObjectId, MicrosoftGraphPasswordCredentialInner password) {
    Map<String, Object> out = new LinkedHashMap<>(config);
    out.put("display_name", app.displayName());
    out.put("app_id", app.appId());
    out.put("object_id", servicePrincipalObjectId);
    out.put("username", app.appId());
    out.put("key_id", password.keyId().toString());
    out.put("created_at", password.startDateTime().toInstant().toString());
    out.put("expires_at", password.endDateTime().toInstant().toString());
    return out;
  }
}
