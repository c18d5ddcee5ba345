package dev.pullplan.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.pullplan.config.syntax.Attribute;
import dev.pullplan.config.syntax.Block;
import dev.pullplan.config.syntax.Body;
import dev.pullplan.config.syntax.Expr;
import dev.pullplan.config.syntax.Label;
import dev.pullplan.config.syntax.NativeSyntax;
import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.Position;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the JSON form ({@code *.pullplan.json}, Terraform's JSON syntax) into the same
 * {@link Body} as the native syntax, positioned at each key. Whether an object is a nested block
 * or a map value comes from the {@link ConfigSchema}, as in Terraform. String values are
 * templates, so references are written {@code "${registry.shared}"}.
 */
final class JsonSyntax {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /** A JSON value with where it starts; objects keep their members in order, duplicates too. */
  record Node(Object value, Position position) {}

  record Member(String key, Position keyPosition, Node value) {}

  private final String file;
  private final Diagnostics diagnostics;

  private JsonSyntax(String file, Diagnostics diagnostics) {
    this.file = file;
    this.diagnostics = diagnostics;
  }

  static Body parse(String file, String text, Diagnostics diagnostics) {
    JsonSyntax reader = new JsonSyntax(file, diagnostics);
    return reader.read(text).map(reader::configuration).orElse(Body.empty());
  }

  /**
   * A JSON var file as attributes: each top-level member a literal value (no templates, as in
   * Terraform's {@code .tfvars.json}).
   */
  static List<Attribute> assignments(String file, String text, Diagnostics diagnostics) {
    JsonSyntax reader = new JsonSyntax(file, diagnostics);
    Optional<Node> root = reader.read(text);
    if (root.isEmpty()) {
      return List.of();
    }
    if (!isObject(root.get())) {
      diagnostics.error(root.get().position(), "a variables file must hold a JSON object", "write {\"name\": \"value\"}");
      return List.of();
    }
    return members(root.get()).stream()
        .map(m -> new Attribute(m.key(), m.keyPosition(), reader.expression(m.value(), true))).toList();
  }

  private Optional<Node> read(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() == null) {
        diagnostics.error(new Position(file, 1, 1), "empty JSON file", "write a JSON object: {}");
        return Optional.empty();
      }
      Node root = node(p);
      if (p.nextToken() != null) {
        diagnostics.error(at(p.currentTokenLocation()), "unexpected content after the JSON object", "remove it");
        return Optional.empty();
      }
      return Optional.of(root);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      Position where = loc == null ? new Position(file, 1, 1) : at(loc);
      String message = e.getOriginalMessage().lines().findFirst().orElse("malformed JSON");
      diagnostics.error(where, "invalid JSON: " + message, "check the JSON syntax at this point");
      return Optional.empty();
    } catch (IOException e) {
      diagnostics.error(new Position(file, 1, 1), "cannot read JSON: " + e.getMessage(), null);
      return Optional.empty();
    }
  }

  private Position at(JsonLocation loc) {
    return new Position(file, loc.getLineNr(), loc.getColumnNr());
  }

  private Node node(JsonParser p) throws IOException {
    Position where = at(p.currentTokenLocation());
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        List<Member> members = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          Position keyAt = at(p.currentTokenLocation());
          p.nextToken();
          members.add(new Member(key, keyAt, node(p)));
        }
        return new Node(List.copyOf(members), where);
      }
      case START_ARRAY: {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(node(p));
        }
        return new Node(new JsonArray(List.copyOf(items)), where);
      }
      case VALUE_STRING:
        return new Node(p.getText(), where);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new Node(p.getDecimalValue(), where);
      case VALUE_TRUE:
        return new Node(Boolean.TRUE, where);
      case VALUE_FALSE:
        return new Node(Boolean.FALSE, where);
      default:
        return new Node(NullValue.INSTANCE, where);
    }
  }

  /** Arrays are wrapped so they are not confused with an object's member list. */
  record JsonArray(List<Node> items) {}

  @SuppressWarnings("unchecked")
  static List<Member> members(Node n) {
    return (List<Member>) n.value();
  }

  static boolean isObject(Node n) {
    return n.value() instanceof List;
  }

  private Body configuration(Node root) {
    if (!isObject(root)) {
      diagnostics.error(root.position(), "a configuration file must hold a JSON object",
          "write {\"registry\": {\"name\": {...}}}");
      return Body.empty();
    }
    List<Block> blocks = new ArrayList<>();
    List<Attribute> attributes = new ArrayList<>();
    for (Member kind : members(root)) {
      if (kind.key().equals("//")) {
        continue;
      }
      if (ConfigSchema.UNLABELLED_REPEATED.contains(kind.key())) {
        // "locals": {...} and "moved": [{...}, {...}]: unlabelled, an object or an array of objects
        for (Node body : bodies(kind)) {
          blocks.add(new Block(kind.key(), List.of(), kind.keyPosition(),
              body(kind.key(), body, ConfigSchema.of(kind.key(), ""))));
        }
        continue;
      }
      if (!isObject(kind.value())) {
        attributes.add(new Attribute(kind.key(), kind.keyPosition(), expression(kind.value(), true)));
        continue;
      }
      if (!ConfigSchema.KINDS.contains(kind.key())) {
        blocks.add(new Block(kind.key(), List.of(), kind.keyPosition(), Body.empty()));
        continue;
      }
      if (kind.key().equals(ConfigSchema.SETTINGS)) {
        // unlabelled, as Terraform's "terraform": {...}
        blocks.add(new Block(kind.key(), List.of(), kind.keyPosition(),
            body(kind.key(), kind.value(), ConfigSchema.of(kind.key(), ""))));
        continue;
      }
      for (Member named : members(kind.value())) {
        Optional<BlockSchema> schema = ConfigSchema.of(kind.key(), named.key());
        for (Node body : bodies(named)) {
          blocks.add(new Block(kind.key(), List.of(new Label(named.key(), named.keyPosition())), named.keyPosition(),
              body(kind.key(), body, schema)));
        }
      }
    }
    return new Body(List.copyOf(attributes), List.copyOf(blocks));
  }

  /** A block's body is an object, or an array of objects for blocks written more than once. */
  private List<Node> bodies(Member m) {
    if (isObject(m.value())) {
      return List.of(m.value());
    }
    if (m.value().value() instanceof JsonArray array && array.items().stream().allMatch(JsonSyntax::isObject)) {
      return array.items();
    }
    diagnostics.error(m.value().position(), "the body of `" + m.key() + "` must be a JSON object",
        "write \"" + m.key() + "\": { ... }");
    return List.of();
  }

  private Body body(String kind, Node node, Optional<BlockSchema> schema) {
    List<Attribute> attributes = new ArrayList<>();
    List<Block> blocks = new ArrayList<>();
    for (Member m : members(node)) {
      if (m.key().equals("//")) {
        continue;
      }
      Optional<BlockSchema> nested = schema.map(s -> s.blocks().get(m.key()));
      if (nested.isPresent()) {
        for (Node body : bodies(m)) {
          blocks.add(new Block(m.key(), List.of(), m.keyPosition(), body(m.key(), body, nested)));
        }
      } else if (kind.equals(ConfigSchema.VARIABLE) && m.key().equals("type") && m.value().value() instanceof String s) {
        attributes.add(new Attribute(m.key(), m.keyPosition(), typeExpression(s, m.value().position())));
      } else {
        boolean literal = kind.equals(ConfigSchema.VARIABLE) && m.key().equals("default");
        attributes.add(new Attribute(m.key(), m.keyPosition(), expression(m.value(), literal)));
      }
    }
    return new Body(List.copyOf(attributes), List.copyOf(blocks));
  }

  /** Terraform's JSON form writes a variable's type as a string holding the type expression. */
  private Expr typeExpression(String text, Position at) {
    Diagnostics local = new Diagnostics();
    Expr e = NativeSyntax.parseExpression(file, text, local);
    if (local.hasErrors()) {
      diagnostics.error(at, "invalid type \"" + text + "\"", "write one of \"string\", \"number\", \"bool\", \"list(string)\", \"map(string)\"");
      return new Expr.Literal(text, at);
    }
    return e;
  }

  /** A JSON value as an expression; strings are templates unless {@code literal}. */
  Expr expression(Node n, boolean literal) {
    Object v = n.value();
    if (v instanceof String s) {
      return literal ? new Expr.Literal(s, n.position())
          : NativeSyntax.parseTemplate(file, s, new Position(file, n.position().line(), n.position().column() + 1), diagnostics);
    }
    if (v instanceof JsonArray array) {
      return new Expr.Tuple(array.items().stream().map(i -> expression(i, literal)).toList(), n.position());
    }
    if (isObject(n)) {
      return new Expr.ObjectExpr(members(n).stream()
          .map(m -> new Expr.Entry(m.key(), m.keyPosition(), expression(m.value(), literal))).toList(), n.position());
    }
    if (v == NullValue.INSTANCE) {
      return new Expr.Null(n.position());
    }
    return new Expr.Literal(v, n.position());
  }
}
