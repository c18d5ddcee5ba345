package dev.pullplan.model;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One directory of config files, loaded, resolved and validated. Maps keep the order blocks
 * were declared in.
 *
 * @param digest SHA-256 of the config files' bytes and the variable values, so a saved plan can
 *     tell that the config changed since
 * @param declaredName the name set in the {@code pullplan} block; the stack's identity is
 *     settled against state by the engine, never taken from the directory alone
 * @param moved the {@code moved} blocks, checked against the config (each {@code to} is declared,
 *     no {@code from} is); state is re-addressed by them when a plan is made
 */
public record Stack(
    Path dir,
    Map<String, Variable> variables,
    Map<String, ProviderBlock> providers,
    Optional<BackendBlock> backend,
    Map<String, Registry> registries,
    Map<String, Cluster> clusters,
    Map<String, NamespaceDecl> namespaces,
    Map<String, Access> accesses,
    Map<String, Output> outputs,
    String digest,
    Optional<StackName> declaredName,
    java.util.List<Moved> moved) {

  public Stack {
    moved = java.util.List.copyOf(moved);
  }

  /** A stack without {@code moved} blocks. */
  public Stack(Path dir, Map<String, Variable> variables, Map<String, ProviderBlock> providers,
      Optional<BackendBlock> backend, Map<String, Registry> registries, Map<String, Cluster> clusters,
      Map<String, NamespaceDecl> namespaces, Map<String, Access> accesses, Map<String, Output> outputs, String digest,
      Optional<StackName> declaredName) {
    this(dir, variables, providers, backend, registries, clusters, namespaces, accesses, outputs, digest,
        declaredName, java.util.List.of());
  }

  /** A stack whose config declares no name. */
  public Stack(Path dir, Map<String, Variable> variables, Map<String, ProviderBlock> providers,
      Optional<BackendBlock> backend, Map<String, Registry> registries, Map<String, Cluster> clusters,
      Map<String, NamespaceDecl> namespaces, Map<String, Access> accesses, Map<String, Output> outputs, String digest) {
    this(dir, variables, providers, backend, registries, clusters, namespaces, accesses, outputs, digest,
        Optional.empty());
  }

  /**
   * The name a new stack gets when its config declares none: its directory's name. Used once, when
   * the state is created; after that the state's record wins.
   */
  public String directoryName() {
    Path file = dir.toAbsolutePath().normalize().getFileName();
    return file == null ? "root" : file.toString();
  }

  /** The settings of a {@code provider "name"} block, empty when the config has none. */
  public Map<String, String> providerSettings(String provider) {
    return Optional.ofNullable(providers.get(provider)).map(ProviderBlock::settings).orElse(Map.of());
  }

  public Registry registry(String name) {
    return registries.get(name);
  }

  public Cluster cluster(String name) {
    return clusters.get(name);
  }
}
