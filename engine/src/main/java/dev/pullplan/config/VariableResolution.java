package dev.pullplan.config;

import dev.pullplan.IoFailure;
import dev.pullplan.config.syntax.Attribute;
import dev.pullplan.config.syntax.Block;
import dev.pullplan.config.syntax.Body;
import dev.pullplan.config.syntax.Expr;
import dev.pullplan.config.syntax.NativeSyntax;
import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.Position;
import dev.pullplan.model.Variable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Gives each declared variable its value: the highest-precedence assignment, else its default,
 * converted to its type. Values are never quoted in messages of a sensitive variable.
 */
final class VariableResolution {

  /** One value given for a variable: an expression (files) or text (--var, environment). */
  private record Assignment(String name, Optional<Expr> expr, Optional<String> text, Position origin) {}

  private record Declaration(Block block, VariableType type, Optional<String> description, boolean sensitive,
      Optional<Expr> defaultValue) {}

  private final ReferenceScope scope;
  private final Diagnostics diagnostics;
  private final Map<String, Declaration> declared = new LinkedHashMap<>();
  private final Map<String, Assignment> assigned = new LinkedHashMap<>();

  private final boolean unsetUnknown;

  /**
   * @param unsetUnknown a required variable without a value is unknown (left out of the scope, so
   *     what reads it is not checked) instead of an error: validate and graph
   */
  VariableResolution(ReferenceScope scope, Diagnostics diagnostics, boolean unsetUnknown) {
    this.scope = scope;
    this.diagnostics = diagnostics;
    this.unsetUnknown = unsetUnknown;
  }

  void declare(Block block) {
    String name = block.labels().get(0).value();
    BodyReader body = new BodyReader(block, "variable \"" + name + "\"", ConfigSchema.of(ConfigSchema.VARIABLE, name).orElseThrow(),
        Evaluator.literalsOnly(scope, diagnostics, "a variable block"), scope, diagnostics);
    VariableType type = body.attribute("type").map(a -> VariableType.parse(a.value(), diagnostics).orElse(VariableType.ANY))
        .orElse(VariableType.ANY);
    boolean sensitive = body.bool("sensitive").orElse(false);
    declared.put(name, new Declaration(block, type, body.string("description"), sensitive,
        body.attribute("default").map(Attribute::value)));
  }

  /** Reads every source, lowest precedence first, so later ones override earlier ones. */
  void assign(Path dir, VariableInputs inputs) {
    new TreeMap<>(inputs.environment()).forEach((key, value) -> {
      if (key.startsWith(VariableInputs.ENV_PREFIX) && key.length() > VariableInputs.ENV_PREFIX.length()) {
        String name = key.substring(VariableInputs.ENV_PREFIX.length());
        // as Terraform: an environment value for an undeclared variable is ignored silently
        if (declared.containsKey(name)) {
          assigned.put(name, new Assignment(name, Optional.empty(), Optional.of(value), Position.unknown(key)));
        }
      }
    });
    for (Path auto : autoFiles(dir)) {
      readFile(auto, auto.getFileName().toString());
    }
    for (Path file : inputs.varFiles()) {
      readFile(file, file.toString());
    }
    for (String assignment : inputs.assignments()) {
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        diagnostics.error(Position.unknown("--var"), "--var needs name=value, got `"
            + (eq < 0 ? assignment.replaceAll("(?s)^(.{0,40}).*", "$1") : "=...") + "`", "write --var name=value");
        continue;
      }
      String name = assignment.substring(0, eq);
      Position origin = Position.unknown("--var " + name);
      if (!declared.containsKey(name)) {
        diagnostics.error(origin, "variable `" + name + "` is not declared",
            Suggestions.didYouMean(name, declared.keySet(), "--var %s=...", "declare it: variable \"" + name + "\" {}"));
        continue;
      }
      assigned.put(name, new Assignment(name, Optional.empty(), Optional.of(assignment.substring(eq + 1)), origin));
    }
  }

  private static List<Path> autoFiles(Path dir) {
    try (var files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".auto.pullplan.vars")).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private void readFile(Path path, String shown) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      diagnostics.error(Position.unknown(shown), "cannot read the variables file: " + IoFailure.describe(e),
          "check that " + shown + " exists and is readable");
      return;
    }
    List<Attribute> attributes;
    if (shown.endsWith(".json")) {
      attributes = JsonSyntax.assignments(shown, text, diagnostics);
    } else {
      Diagnostics syntax = new Diagnostics();
      Body body = NativeSyntax.parse(shown, text, syntax);
      if (!syntax.hasErrors()) {
        Hcl4jGate.check(shown, text, syntax);
      }
      diagnostics.addAll(syntax);
      if (syntax.hasErrors()) {
        return;
      }
      for (Block b : body.blocks()) {
        diagnostics.error(b.position(), "a variables file holds only `name = value` lines, not blocks",
            "declare variables in a *.pullplan.hcl file; set them here as " + b.type() + " = ...");
      }
      attributes = body.attributes();
    }
    for (Attribute a : attributes) {
      if (!declared.containsKey(a.name())) {
        diagnostics.warning(a.position(), "value for undeclared variable `" + a.name() + "` is ignored",
            Suggestions.didYouMean(a.name(), declared.keySet(), "`%s`", "declare it: variable \"" + a.name() + "\" {}"));
        continue;
      }
      assigned.put(a.name(), new Assignment(a.name(), Optional.of(a.value()), Optional.empty(), a.position()));
    }
  }

  /** Converts every value, records it in the scope and returns the model's variables. */
  Map<String, Variable> resolve() {
    Map<String, Variable> out = new LinkedHashMap<>();
    declared.forEach((name, d) -> {
      Optional<Object> value = valueOf(name, d);
      value.filter(v -> v != NullValue.INSTANCE).ifPresent(v -> scope.variable(name, v, d.sensitive()));
      if (value.isEmpty()) {
        return;
      }
      Position origin = d.block().position();
      out.put(name, new Variable(name, d.type().text(), d.description(), d.sensitive(),
          Optional.of(value.get()).filter(v -> v != NullValue.INSTANCE), origin));
    });
    return out;
  }

  /** The converted value, {@link NullValue} when optional and unset, empty after an error. */
  private Optional<Object> valueOf(String name, Declaration d) {
    Evaluator literal = Evaluator.literalsOnly(scope, diagnostics, "a variable value");
    Assignment a = assigned.get(name);
    if (a == null) {
      if (d.defaultValue().isEmpty() && unsetUnknown) {
        return Optional.empty();
      }
      if (d.defaultValue().isEmpty()) {
        diagnostics.error(d.block().position(), "variable `" + name + "` is required but has no value",
            "set it with --var " + name + "=..., the environment variable " + VariableInputs.ENV_PREFIX + name
                + ", a *.auto.pullplan.vars file, or give it a default");
        return Optional.empty();
      }
      Expr def = d.defaultValue().get();
      return literal.evaluate(def).flatMap(v -> convert(name, d, v, def.position()));
    }
    if (a.expr().isPresent()) {
      return literal.evaluate(a.expr().get()).flatMap(v -> convert(name, d, v, a.origin()));
    }
    String text = a.text().orElseThrow();
    if (d.type().isComplex()) {
      Diagnostics parse = new Diagnostics();
      Expr e = NativeSyntax.parseExpression(a.origin().file(), text, parse);
      if (parse.hasErrors()) {
        diagnostics.error(a.origin(), "variable `" + name + "` is of type " + d.type().text() + ", but the value does not parse",
            "write it in HCL syntax, e.g. " + (d.type() instanceof VariableType.MapOf ? "{ key = \"value\" }" : "[\"a\", \"b\"]"));
        return Optional.empty();
      }
      return literal.evaluate(e).flatMap(v -> convert(name, d, v, a.origin()));
    }
    return convert(name, d, text, a.origin());
  }

  private Optional<Object> convert(String name, Declaration d, Object value, Position at) {
    if (value == NullValue.INSTANCE) {
      return Optional.of(value);
    }
    Optional<Object> converted = d.type().convert(value);
    if (converted.isEmpty()) {
      diagnostics.error(at, "variable `" + name + "` is of type " + d.type().text() + ", but got "
          + Values.describe(value, d.sensitive()), "give a value of type " + d.type().text());
    }
    return converted;
  }
}
