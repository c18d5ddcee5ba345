package dev.pullplan.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.pullplan.config.syntax.Attribute;
import dev.pullplan.config.syntax.Block;
import dev.pullplan.config.syntax.Body;
import dev.pullplan.config.syntax.Expr;
import dev.pullplan.config.syntax.NativeSyntax;
import dev.pullplan.diag.Diagnostics;
import dev.pullplan.model.Stack;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** schema/config.schema.json, the JSON form and the HCL form describe one language. */
class ConfigSchemaTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
      .getSchema(read(Path.of("..", "schema", "config.schema.json")));

  @TempDir
  Path dir;

  private static JsonNode read(Path p) {
    try {
      return MAPPER.readTree(p.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static java.util.stream.Stream<Path> examples() throws IOException {
    return ExamplesTest.examples();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleInJsonFormValidatesAgainstTheSchema(Path example) throws IOException {
    Set<ValidationMessage> problems = SCHEMA.validate(toJson(example));

    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleInJsonFormLoadsToTheSameModel(Path example) throws IOException {
    Files.writeString(dir.resolve("main.pullplan.json"), MAPPER.writeValueAsString(toJson(example)));

    Stack fromJson = new ConfigLoader("/home/user").load(dir, ExamplesTest.SANDBOX).stack();
    Stack fromHcl = new ConfigLoader("/home/user").load(example, ExamplesTest.SANDBOX).stack();

    assertThat(fromJson.accesses().values()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("origin")
        .containsExactlyElementsOf(fromHcl.accesses().values());
    assertThat(fromJson.outputs().keySet()).isEqualTo(fromHcl.outputs().keySet());
  }

  @Test
  void unknownAttributeFailsTheSchema() {
    ObjectNode config = JSON.objectNode();
    config.putObject("registry").putObject("shared").put("server", "ghcr.io").put("sku", "Premium");

    assertThat(SCHEMA.validate(config)).isNotEmpty();
  }

  @Test
  void registryNeedsAcrOrServer() {
    ObjectNode config = JSON.objectNode();
    config.putObject("registry").putObject("shared");

    assertThat(SCHEMA.validate(config)).isNotEmpty();
  }

  /** The HCL files of a directory in Terraform's JSON syntax. */
  static ObjectNode toJson(Path dir) throws IOException {
    ObjectNode root = JSON.objectNode();
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(ConfigLoader.HCL_SUFFIX)).sorted().toList()) {
        Diagnostics diagnostics = new Diagnostics();
        Body body = NativeSyntax.parse(file.getFileName().toString(), Files.readString(file), diagnostics);
        assertThat(diagnostics.hasErrors()).isFalse();
        for (Block b : body.blocks()) {
          if (b.type().equals("moved")) {
            ArrayNode moved = root.has("moved") ? (ArrayNode) root.get("moved") : root.putArray("moved");
            ObjectNode m = moved.addObject();
            b.body().attributes().forEach(a -> m.put(a.name(), address((Expr.Traversal) a.value())));
            continue;
          }
          if (b.type().equals("locals")) {
            ObjectNode locals = root.has("locals") ? (ObjectNode) root.get("locals") : root.putObject("locals");
            locals.setAll(body(b.body(), b.type()));
            continue;
          }
          ObjectNode kind = root.has(b.type()) ? (ObjectNode) root.get(b.type()) : root.putObject(b.type());
          kind.set(b.labels().get(0).value(), body(b.body(), b.type()));
        }
      }
    }
    return root;
  }

  /** A moved block's reference, {@code access.team["dev"]}, as the JSON form writes it: an address string. */
  private static String address(Expr.Traversal t) {
    List<String> p = t.path();
    return p.get(0) + "." + p.get(1) + (p.size() > 2 ? "[\"" + p.get(2) + "\"]" : "");
  }

  private static ObjectNode body(Body body, String kind) {
    ObjectNode out = JSON.objectNode();
    for (Attribute a : body.attributes()) {
      boolean typeExpression = kind.equals("variable") && a.name().equals("type");
      out.set(a.name(), typeExpression ? JSON.textNode(Expr.describe(a.value())) : value(a.value()));
    }
    for (Block b : body.blocks()) {
      out.set(b.type(), body(b.body(), b.type()));
    }
    return out;
  }

  private static JsonNode value(Expr e) {
    if (e instanceof Expr.Literal l) {
      return l.value() instanceof String s ? JSON.textNode(s)
          : l.value() instanceof BigDecimal n ? JSON.numberNode(n) : JSON.booleanNode((Boolean) l.value());
    }
    if (e instanceof Expr.Null) {
      return JSON.nullNode();
    }
    if (e instanceof Expr.Tuple t) {
      ArrayNode array = JSON.arrayNode();
      t.items().forEach(i -> array.add(value(i)));
      return array;
    }
    if (e instanceof Expr.ObjectExpr o) {
      ObjectNode object = JSON.objectNode();
      o.entries().forEach(en -> object.set(en.key(), value(en.value())));
      return object;
    }
    if (e instanceof Expr.Template t) {
      StringBuilder text = new StringBuilder();
      t.parts().forEach(p -> text.append(p instanceof Expr.Literal l ? l.value() : "${" + Expr.describe(p) + "}"));
      return JSON.textNode(text.toString());
    }
    return JSON.textNode("${" + Expr.describe(e) + "}");
  }
}
