package dev.pullplan.config;

import dev.pullplan.address.Address;
import dev.pullplan.address.MoveEndpoint;
import dev.pullplan.config.syntax.Attribute;
import dev.pullplan.config.syntax.Block;
import dev.pullplan.config.syntax.Expr;
import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.Position;
import dev.pullplan.model.Moved;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code moved} blocks, read and checked against the config: {@code from} and {@code to} are
 * references ({@code access.old}, {@code access.team["eu-1"]}) or, for one resource, its address
 * as a string ({@code "access.x.k8s_secret[\"apps\"]"}). {@code to} must be in the config and
 * {@code from} must not be (it is what the config no longer declares); two blocks may not move
 * from, or to, the same resources.
 */
final class MovedStatements {
  /**
   * Kinds whose blocks can move: those that make resources, and clusters, whose name the
   * resources in them record.
   */
  private static final List<String> KINDS = List.of(ConfigSchema.CLUSTER, ConfigSchema.NAMESPACE, ConfigSchema.ACCESS);
  private static final Pattern BLOCK = Pattern.compile("([a-z_]+)\\.([A-Za-z_][A-Za-z0-9_-]*(?:\\[\"[^\"]+\"])?)");

  private final ReferenceScope scope;
  private final Diagnostics diagnostics;

  MovedStatements(ReferenceScope scope, Diagnostics diagnostics) {
    this.scope = scope;
    this.diagnostics = diagnostics;
  }

  List<Moved> read(List<Block> blocks) {
    List<Moved> out = new ArrayList<>();
    for (Block b : blocks) {
      BodyReader body = new BodyReader(b, "a moved block", ConfigSchema.of(ConfigSchema.MOVED, "").orElseThrow(),
          Evaluator.literalsOnly(scope, diagnostics, "a moved block"), scope, diagnostics);
      Optional<MoveEndpoint> from = body.attribute("from").flatMap(this::endpoint);
      Optional<MoveEndpoint> to = body.attribute("to").flatMap(this::endpoint);
      if (from.isEmpty() || to.isEmpty()) {
        continue;
      }
      Position at = b.position();
      check(from.get(), to.get(), at, body).ifPresent(m -> {
        for (Moved earlier : out) {
          if (earlier.from().overlaps(m.from())) {
            diagnostics.error(at, "two moved blocks move " + m.from() + ": the other is at " + earlier.origin(),
                "keep one moved block for it");
            return;
          }
          if (earlier.to().overlaps(m.to())) {
            diagnostics.error(at, "two moved blocks move resources to " + m.to() + ": the other (from " + earlier.from()
                + ") is at " + earlier.origin(), "each address can receive the resources of one old address only");
            return;
          }
        }
        out.add(m);
      });
    }
    return List.copyOf(out);
  }

  private Optional<Moved> check(MoveEndpoint from, MoveEndpoint to, Position at, BodyReader body) {
    Position fromAt = body.attribute("from").orElseThrow().value().position();
    Position toAt = body.attribute("to").orElseThrow().value().position();
    if (from.equals(to)) {
      diagnostics.error(toAt, "moved from and to are both " + from, "a moved block names the old address and the new one");
      return Optional.empty();
    }
    if (from.isBlock() != to.isBlock()) {
      diagnostics.error(toAt, "moved from " + from + " to " + to + ": one is a block and the other a resource",
          "move a block to a block, or a resource to a resource");
      return Optional.empty();
    }
    if (!from.blockKind().equals(to.blockKind())) {
      diagnostics.error(toAt, "moved from a " + from.blockKind() + " to a " + to.blockKind() + " block",
          "a moved block keeps the kind of block: from = " + from.blockKind() + ".old, to = " + from.blockKind() + ".new");
      return Optional.empty();
    }
    if (from.blockKind().equals(ConfigSchema.CLUSTER) && !from.isBlock()) {
      diagnostics.error(fromAt, "a cluster block makes no resources of its own", "move the whole block: from = cluster.<old name>");
      return Optional.empty();
    }
    if (!from.isBlock() && !from.resource().equals(to.resource())) {
      diagnostics.error(toAt, "moved from a " + from.resource().orElseThrow() + " to a " + to.resource().orElseThrow(),
          "a resource moves to a resource of the same kind");
      return Optional.empty();
    }
    if (scope.isUnresolved(to.blockKind(), to.blockName().replaceFirst("\\[.*$", ""))) {
      // its for_each has no value (reported, or unknown in validate): its instances are not known
      return Optional.empty();
    }
    if (!inConfig(to)) {
      boolean repeated = scope.instances(to.blockKind(), to.blockName()).isPresent();
      diagnostics.error(toAt, "moved to " + to + ", which the configuration does not declare",
          repeated ? to.block() + " has for_each: name one of its instances, e.g. " + to.block() + "[\"" + scope
              .instances(to.blockKind(), to.blockName()).orElseThrow().keySet().stream().findFirst().orElse("key") + "\"]"
              : Suggestions.didYouMean(to.blockName(), scope.declared(to.blockKind()), "`" + to.blockKind() + ".%s`",
                  "write the new " + to.blockKind() + " block first, or fix the address"));
      return Optional.empty();
    }
    if (inConfig(from)) {
      diagnostics.error(fromAt, "moved from " + from.block() + ", which the configuration still declares",
          "`from` is the old address: rename or remove that block, or remove this moved block");
      return Optional.empty();
    }
    return Optional.of(new Moved(from, to, at));
  }

  /** Declared, and not a block with for_each (whose un-keyed address no longer exists). */
  private boolean inConfig(MoveEndpoint e) {
    return scope.isDeclared(e.blockKind(), e.blockName()) && scope.instances(e.blockKind(), e.blockName()).isEmpty();
  }

  private Optional<MoveEndpoint> endpoint(Attribute a) {
    Expr e = a.value();
    Optional<MoveEndpoint> parsed = Optional.empty();
    if (e instanceof Expr.Traversal t && (t.path().size() == 2 || t.path().size() == 3)) {
      String name = t.path().size() == 3 ? Address.instanceName(t.path().get(1), t.path().get(2)) : t.path().get(1);
      parsed = Optional.of(MoveEndpoint.block(t.path().get(0), name));
    } else if (e instanceof Expr.Literal l && l.value() instanceof String text) {
      parsed = Address.parse(text).map(MoveEndpoint::resource).or(() -> {
        Matcher m = BLOCK.matcher(text.trim());
        return m.matches() ? Optional.of(MoveEndpoint.block(m.group(1), m.group(2))) : Optional.empty();
      });
    } else if (e instanceof Expr.Template t && t.parts().size() == 1 && t.parts().get(0) instanceof Expr.Literal l
        && l.value() instanceof String text) {
      return endpoint(new Attribute(a.name(), a.position(), new Expr.Literal(text, l.position())));
    }
    if (parsed.isEmpty()) {
      diagnostics.error(e.position(), "`" + a.name() + "` of a moved block must be an address, got " + Expr.describe(e),
          "write " + a.name() + " = access.name, access.name[\"key\"], or a resource address as a string");
      return Optional.empty();
    }
    if (!KINDS.contains(parsed.get().blockKind())) {
      diagnostics.error(e.position(), "`" + a.name() + "` names a " + parsed.get().blockKind()
          + " block; only cluster, namespace and access blocks can move", "write access.<name>, namespace.<name> or cluster.<name>");
      return Optional.empty();
    }
    return parsed;
  }
}
