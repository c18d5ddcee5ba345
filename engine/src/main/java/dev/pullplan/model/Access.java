package dev.pullplan.model;

import dev.pullplan.diag.Position;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@code access} block: one registry, one cluster, one mode. */
public record Access(
    String name,
    String registry,
    String cluster,
    AccessMode mode,
    List<String> namespaces,
    Map<String, String> namespaceSelector,
    List<String> serviceAccounts,
    String secretName,
    Optional<String> probeImage,
    Credential credential,
    Position origin) {}
