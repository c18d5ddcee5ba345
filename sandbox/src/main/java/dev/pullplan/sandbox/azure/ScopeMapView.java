package dev.pullplan.sandbox.azure;

import java.util.List;

/** An ACR scope map. {@code type} is {@code SystemDefined} for the built-in ones, else {@code UserDefined}. */
public record ScopeMapView(String registry, String name, String id, String type, List<String> actions) {

  public ScopeMapView {
    actions = List.copyOf(actions);
  }
}
