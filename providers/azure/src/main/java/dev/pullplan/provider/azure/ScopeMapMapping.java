package dev.pullplan.provider.azure;

import dev.pullplan.address.Address;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Repositories ↔ scope map actions: read-only pull access, content and metadata, per repository. */
final class ScopeMapMapping {
  static final List<String> CONFIG = List.of("stack", "registry", "acr");
  private static final Pattern PULL = Pattern.compile("repositories/(.+)/(content|metadata)/read");
  private static final String MARK = "pullplan";

  private ScopeMapMapping() {}

  static List<String> actions(List<String> repositories) {
    List<String> out = new ArrayList<>();
    for (String repository : repositories) {
      out.add("repositories/" + repository + "/content/read");
      out.add("repositories/" + repository + "/metadata/read");
    }
    return out;
  }

  /**
   * The repositories a scope map gives pull access to. An action pullplan would not have written
   * (push, delete, a repository with only one of the two reads) is listed as it is, so the
   * comparison with the config shows it and an update puts the map back.
   */
  static List<String> repositories(List<String> actions) {
    Set<String> repositories = new LinkedHashSet<>();
    for (String action : actions) {
      Matcher m = PULL.matcher(action);
      if (m.matches()) {
        repositories.add(m.group(1));
      }
    }
    List<String> out = new ArrayList<>(repositories);
    Set<String> expected = new LinkedHashSet<>(actions(out));
    Set<String> actual = new LinkedHashSet<>(actions);
    if (!expected.equals(actual)) {
      actual.stream().filter(a -> !expected.contains(a)).forEach(out::add);
      expected.stream().filter(a -> !actual.contains(a)).map(a -> "(missing) " + a).forEach(out::add);
    }
    return out;
  }

  static String description(String stack, Address address) {
    return MARK + ": stack " + stack + ", " + address;
  }

  static boolean isOurs(String description) {
    return description != null && description.startsWith(MARK + ":");
  }
}
