package dev.pullplan.config;

import dev.pullplan.config.syntax.Attribute;
import dev.pullplan.config.syntax.Block;
import dev.pullplan.config.syntax.Body;
import dev.pullplan.config.syntax.Label;
import dev.pullplan.diag.Diagnostics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The top-level blocks of all files of a stack, grouped by kind and name, after the checks that
 * need no evaluation: known kind, one valid name, no duplicates, no stray attributes.
 */
final class TopLevelBlocks {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private final Map<String, Map<String, Block>> byKind = new LinkedHashMap<>();
  private final Map<String, List<Block>> unlabelled = new LinkedHashMap<>();

  static TopLevelBlocks collect(List<Body> files, ReferenceScope scope, Diagnostics diagnostics) {
    TopLevelBlocks top = new TopLevelBlocks();
    ConfigSchema.KINDS.forEach(k -> top.byKind.put(k, new LinkedHashMap<>()));
    for (Body file : files) {
      for (Attribute a : file.attributes()) {
        diagnostics.error(a.position(), "unexpected attribute `" + a.name() + "` outside any block",
            "put it inside the block it belongs to (is a `}` missing above, or one too many?)");
      }
      for (Block b : file.blocks()) {
        top.add(b, scope, diagnostics);
      }
    }
    return top;
  }

  private void add(Block b, ReferenceScope scope, Diagnostics diagnostics) {
    String kind = b.type();
    if (kind.equals("data")) {
      diagnostics.error(b.position(), "`data` blocks are not supported",
          "pullplan reads no data sources: write the value, or pass it in a variable");
      return;
    }
    if (!ConfigSchema.KINDS.contains(kind)) {
      diagnostics.error(b.position(), "unknown block type `" + kind + "`",
          Suggestions.didYouMean(kind, ConfigSchema.KINDS, "`%s`", "the blocks are: " + String.join(", ", ConfigSchema.KINDS)));
      return;
    }
    if (kind.equals(ConfigSchema.SETTINGS)) {
      addSettings(b, diagnostics);
      return;
    }
    if (ConfigSchema.UNLABELLED_REPEATED.contains(kind)) {
      if (!b.labels().isEmpty()) {
        diagnostics.error(b.labels().get(0).position(), "a `" + kind + "` block takes no name",
            kind.equals(ConfigSchema.LOCALS) ? "write locals { name = value }" : "write moved { from = ... to = ... }");
        return;
      }
      unlabelled.computeIfAbsent(kind, k -> new java.util.ArrayList<>()).add(b);
      return;
    }
    if (b.labels().size() != 1) {
      diagnostics.error(b.labels().isEmpty() ? b.position() : b.labels().get(1).position(),
          b.labels().isEmpty() ? "a `" + kind + "` block needs a name" : "a `" + kind + "` block takes one name, found "
              + b.labels().size(),
          "write " + kind + " \"name\" { ... }");
      return;
    }
    Label label = b.labels().get(0);
    String name = label.value();
    if (!IDENTIFIER.matcher(name).matches()) {
      diagnostics.error(label.position(), "invalid " + kind + " name \"" + name + "\"",
          "a name is letters, digits, `_` and `-`, starting with a letter or `_`, e.g. \""
              + suggestedName(name) + "\"");
      return;
    }
    Map<String, Block> named = byKind.get(kind);
    Block first = named.get(name);
    if (first != null) {
      diagnostics.error(b.position(), "duplicate " + kind + " \"" + name + "\": already declared at " + first.position(),
          "give each " + kind + " block its own name");
      return;
    }
    if (kind.equals(ConfigSchema.BACKEND) && !named.isEmpty()) {
      Block other = named.values().iterator().next();
      diagnostics.error(b.position(), "only one backend block is allowed: another is declared at " + other.position(),
          "keep one backend block");
      return;
    }
    named.put(name, b);
    scope.declare(kind, name);
  }

  /** The one unlabelled {@code pullplan} block, kept under the empty name. */
  private void addSettings(Block b, Diagnostics diagnostics) {
    if (!b.labels().isEmpty()) {
      diagnostics.error(b.labels().get(0).position(), "a `pullplan` block takes no name",
          "write pullplan { stack = \"...\" }");
      return;
    }
    Map<String, Block> settings = byKind.get(ConfigSchema.SETTINGS);
    if (!settings.isEmpty()) {
      diagnostics.error(b.position(), "only one `pullplan` block is allowed: another is declared at "
          + settings.values().iterator().next().position(), "keep one pullplan block");
      return;
    }
    settings.put("", b);
  }

  private static String suggestedName(String name) {
    String s = name.replaceAll("[^A-Za-z0-9_-]+", "_");
    return s.isEmpty() || !Character.isLetter(s.charAt(0)) && s.charAt(0) != '_' ? "n" + s : s;
  }

  Map<String, Block> of(String kind) {
    return byKind.get(kind);
  }

  /** The blocks of an unlabelled kind that may be written many times ({@code locals}, {@code moved}), in file order. */
  List<Block> all(String kind) {
    return unlabelled.getOrDefault(kind, List.of());
  }
}
