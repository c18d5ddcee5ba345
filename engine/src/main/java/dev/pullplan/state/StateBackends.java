package dev.pullplan.state;

import dev.pullplan.PullplanException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;

/** The backend types on the class path, by name. */
public final class StateBackends {
  private final Map<String, StateBackendFactory> factories = new TreeMap<>();

  public StateBackends(List<StateBackendFactory> factories) {
    factories.forEach(f -> this.factories.put(f.type(), f));
  }

  public static StateBackends discover() {
    return new StateBackends(ServiceLoader.load(StateBackendFactory.class).stream().map(ServiceLoader.Provider::get).toList());
  }

  /**
   * @throws PullplanException for a type no factory serves or a setting the type does not have
   */
  public StateBackend open(BackendContext context) {
    StateBackendFactory factory = factories.get(context.type());
    if (factory == null) {
      throw new PullplanException("there is no state backend \"" + context.type() + "\"; the backends are: "
          + String.join(", ", factories.keySet()));
    }
    TreeSet<String> unknown = new TreeSet<>(context.settings().keySet());
    unknown.removeAll(factory.settings());
    if (!unknown.isEmpty()) {
      throw new PullplanException("the " + context.type() + " backend has no setting" + (unknown.size() == 1 ? " " : "s ")
          + String.join(", ", unknown.stream().map(s -> "\"" + s + "\"").toList()) + "; its settings are: "
          + String.join(", ", new TreeSet<>(factory.settings())));
    }
    return factory.open(context);
  }
}
