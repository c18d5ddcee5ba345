package dev.pullplan.model;

import dev.pullplan.diag.Position;
import java.util.Map;

/** A {@code namespace} block: a namespace pullplan creates or labels. */
public record NamespaceDecl(
    String blockName, String cluster, String name, boolean create, Map<String, String> labels, Position origin) {}
