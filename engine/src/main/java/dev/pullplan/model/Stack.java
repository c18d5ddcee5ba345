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
    String digest) {

  /** The stack's name, recorded on every object pullplan creates: the directory name. */
  public String name() {
    Path file = dir.toAbsolutePath().normalize().getFileName();
    return file == null ? "root" : file.toString();
  }

  public Registry registry(String name) {
    return registries.get(name);
  }

  public Cluster cluster(String name) {
    return clusters.get(name);
  }
}
