package dev.pullplan.provider.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.authorization.fluent.MicrosoftGraphClient;
import com.azure.resourcemanager.authorization.fluent.models.MicrosoftGraphApplicationInner;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Entra applications of a refresh, listed by its prefetch instead of one Graph call per access:
 * one list of the applications tagged for the stack, where a recorded application is looked up by
 * object id (one not listed is asked for by id: it was deleted outside pullplan, or someone removed
 * its tags, and only Graph can say which), and one of the
 * applications whose display name starts as the new accesses' names do, which a new access's name
 * may collide with. Both filters are basic Graph queries (no {@code ConsistencyLevel: eventual});
 * the SDK follows {@code @odata.nextLink}. The lists answer reads until pullplan writes to Graph in
 * this run; from then on every read asks Graph, so what this run made or changed is seen as it is.
 */
final class ApplicationListings {
  private final Lazy<AzureConnection> connection;
  private final Map<String, Map<String, MicrosoftGraphApplicationInner>> tagged = new ConcurrentHashMap<>();
  private final Map<String, List<MicrosoftGraphApplicationInner>> named = new ConcurrentHashMap<>();

  ApplicationListings(Lazy<AzureConnection> connection) {
    this.connection = connection;
  }

  void preloadTagged(String stack) {
    tagged.computeIfAbsent(stack, s -> byObjectId(list(graph(), "tagged for stack " + s,
        ServicePrincipalMapping.taggedFilter(ServicePrincipalMapping.stackTag(s)))));
  }

  /**
   * One list that covers every one of the names: the applications whose names start as all of
   * these do. Names with nothing in common (never pullplan's) are left to their reads.
   */
  void preloadNamed(List<String> names) {
    String prefix = commonPrefix(names);
    if (!prefix.isEmpty()) {
      named.computeIfAbsent(prefix, p -> list(graph(), "named " + p + "*",
          "startswith(displayName,'" + ODataText.quote(p) + "')"));
    }
  }

  /**
   * The application as listed for the stack, or empty when it is not listed: deleted outside
   * pullplan, or its tags removed (the caller asks Graph by id: one call per such application).
   */
  Optional<MicrosoftGraphApplicationInner> listed(String stack, String objectId) {
    return Optional.ofNullable(tagged.get(stack)).map(apps -> apps.get(lower(objectId)));
  }

  /** The applications of that display name, as Graph compares it, or empty when no list covers the name. */
  Optional<List<MicrosoftGraphApplicationInner>> named(String displayName) {
    return named.entrySet().stream().filter(e -> lower(displayName).startsWith(e.getKey())).findFirst()
        .map(e -> e.getValue().stream().filter(app -> displayName.equalsIgnoreCase(app.displayName())).toList());
  }

  /** Pullplan wrote to Graph: the lists may be stale. */
  void changed() {
    tagged.clear();
    named.clear();
  }

  /** The applications an OData filter selects, every page of them. */
  static List<MicrosoftGraphApplicationInner> list(MicrosoftGraphClient graph, String what, String filter) {
    return AzureCalls.call(AzureOperation.READ_APPLICATION, what, () -> graph.getApplicationsApplications()
        .listApplication(null, null, null, null, filter, null, null, null, null, Context.NONE).stream().toList());
  }

  private static String commonPrefix(List<String> names) {
    String prefix = lower(names.get(0));
    for (String name : names) {
      String other = lower(name);
      int same = 0;
      while (same < Math.min(prefix.length(), other.length()) && prefix.charAt(same) == other.charAt(same)) {
        same++;
      }
      prefix = prefix.substring(0, same);
    }
    return prefix;
  }

  private static Map<String, MicrosoftGraphApplicationInner> byObjectId(List<MicrosoftGraphApplicationInner> apps) {
    return apps.stream().collect(Collectors.toMap(app -> lower(app.id()), Function.identity(), (a, b) -> a));
  }

  // Graph compares strings case-insensitively
  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private MicrosoftGraphClient graph() {
    return connection.get().home().authorization().serviceClient();
  }
}
