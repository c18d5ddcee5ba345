package dev.pullplan.plan;

import dev.pullplan.diag.Diagnostic;
import dev.pullplan.IoFailure;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.expand.DesiredResource;
import dev.pullplan.expand.Ref;
import dev.pullplan.model.Lifetime;
import dev.pullplan.json.Json;
import dev.pullplan.spi.Lifecycle;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.Unknown;
import dev.pullplan.state.AtomicFile;
import dev.pullplan.state.AttributeJson;
import dev.pullplan.state.State;
import dev.pullplan.state.StateCodec;
import dev.pullplan.state.Version;
import dev.pullplan.state.crypto.Keyring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A saved plan ({@code plan --out FILE}): everything {@code apply FILE} needs to do exactly what
 * was shown, plus the state lineage/serial and config digest it was made from. The states inside
 * are written by {@link StateCodec}, so their secret values are sealed whenever a state key is
 * configured; the desired side holds only references to secrets, never their values.
 */
public final class PlanFile {
  private static final String FORMAT = "pullplan-plan";
  /**
   * 4: the desired resources carry the facts providers find objects by ({@code acr}, {@code aks},
   * {@code probe_image}, {@code credential_type}); 3 (sealed, create-before-destroy an action, drift a
   * typed cause) lacks them, so it and older are refused rather than applied half-informed.
   */
  private static final int FORMAT_VERSION = 4;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Optional<Keyring> keyring;

  public PlanFile(Optional<Keyring> keyring) {
    this.keyring = keyring;
  }

  public void write(Plan plan, Path file, Consumer<String> warnings) {
    StateCodec codec = new StateCodec(keyring);
    long secrets = StateCodec.sensitiveCount(plan.refreshed()) + StateCodec.sensitiveCount(plan.base());
    if (!codec.encrypts() && secrets > 0) {
      // no "WARNING:" of its own: the caller's printer labels it
      warnings.accept("the plan file " + file + " holds " + secrets + " secret values unencrypted;"
          + " set " + Keyring.PASSPHRASE + " or " + Keyring.KEY_FILE + " to encrypt them, and treat the file as a secret.");
    }
    ObjectNode root = NODES.objectNode();
    root.put("format", FORMAT);
    root.put("format_version", FORMAT_VERSION);
    root.put("pullplan_version", Version.current());
    root.put("mode", plan.mode().name());
    root.put("created_at", plan.createdAt().toString());
    root.put("config_digest", plan.configDigest());
    root.put("base_existed", plan.baseExisted());
    root.set("base", tree(codec.encode(plan.base())));
    root.set("refreshed", tree(codec.encode(plan.refreshed())));
    ArrayNode changes = root.putArray("changes");
    plan.changes().forEach(c -> changes.add(change(c)));
    ArrayNode problems = root.putArray("problems");
    for (Diagnostic p : plan.problems()) {
      ObjectNode n = problems.addObject().put("address", p.subject()).put("message", p.message());
      p.hint().ifPresent(h -> n.put("hint", h));
    }
    root.set("warnings", MAPPER.valueToTree(plan.warnings()));
    root.set("selected_namespaces", MAPPER.valueToTree(plan.selectedNamespaces()));
    root.set("api_calls", MAPPER.valueToTree(plan.apiCalls()));
    ArrayNode moves = root.putArray("moves");
    plan.moves().forEach(m -> moves.addObject().put("from", m.from().toString()).put("to", m.to().toString()));
    // the seal covers the content as a reader will see it: parsed and written compactly again
    ObjectNode content = (ObjectNode) tree(bytes(root));
    content.set("seal", PlanSeal.seal(bytes(content), keyring));
    try {
      AtomicFile.replace(file, Json.write(content).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new PullplanException("cannot write the plan file " + file + ": " + e.getMessage(), e);
    }
  }

  public Plan read(Path file) {
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new PullplanException("the plan file " + file + " does not exist; write one with `pullplan plan --out " + file + "`");
    } catch (JsonProcessingException e) {
      // Jackson's own message quotes the text around the error, which may be a plaintext secret
      JsonLocation at = e.getLocation();
      throw new PullplanException(file + " is not a pullplan plan file: it is not valid JSON"
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException e) {
      throw new PullplanException("cannot read the plan file " + file + ": " + IoFailure.describe(e));
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new PullplanException(file + " is not a pullplan plan file (format " + FORMAT + " version " + FORMAT_VERSION
          + "); write one with `pullplan plan --out FILE`");
    }
    if (root.path("format_version").asInt() != FORMAT_VERSION) {
      throw new PullplanException("the plan file " + file + " has format version " + root.path("format_version").asText()
          + ", which this pullplan (" + Version.current() + ") does not apply (it applies version " + FORMAT_VERSION
          + "); make a new one with `pullplan plan --out " + file + "`");
    }
    JsonNode seal = ((ObjectNode) root).remove("seal");
    PlanSeal.verify(seal, bytes(root), keyring, file);
    try {
      return decode(root, file);
    } catch (NullPointerException | IllegalArgumentException | java.time.DateTimeException e) {
      // A field missing or of the wrong kind: say so, without quoting the file's content.
      throw new PullplanException(file + " is a damaged pullplan plan file (" + e.getClass().getSimpleName()
          + "); make a new one with `pullplan plan --out FILE`");
    }
  }

  private Plan decode(JsonNode root, Path file) {
    StateCodec codec = new StateCodec(keyring);
    State base = codec.decode(bytes(root.get("base")), file + " (state the plan was made from)");
    State refreshed = codec.decode(bytes(root.get("refreshed")), file + " (refreshed state)");
    List<Change> changes = new ArrayList<>();
    root.get("changes").forEach(n -> changes.add(change(n, refreshed)));
    List<Diagnostic> problems = new ArrayList<>();
    root.get("problems").forEach(n -> problems.add(Diagnostic.about(n.get("address").asText(), n.get("message").asText(),
        Optional.ofNullable(n.get("hint")).map(JsonNode::asText))));
    PlanMode mode = PlanMode.valueOf(root.get("mode").asText());
    List<String> warnings = strings(root.get("warnings"));
    Map<String, List<String>> selectedNamespaces = MAPPER.convertValue(root.get("selected_namespaces"),
        MAPPER.getTypeFactory().constructMapType(TreeMap.class, MAPPER.getTypeFactory().constructType(String.class),
            MAPPER.getTypeFactory().constructCollectionType(List.class, String.class)));
    Map<String, Long> apiCalls = MAPPER.convertValue(root.get("api_calls"),
        MAPPER.getTypeFactory().constructMapType(TreeMap.class, String.class, Long.class));
    boolean baseExisted = root.get("base_existed").asBoolean();
    String configDigest = root.get("config_digest").asText();
    Instant createdAt = Instant.parse(root.get("created_at").asText());
    // how long planning took belongs to the run that planned: a plan file does not keep it
    Map<String, Long> noTimings = Map.of();
    return new Plan(mode, changes, problems, warnings, selectedNamespaces, apiCalls, base, baseExisted, refreshed,
        configDigest, createdAt, noTimings, moves(root));
  }

  private static List<ResourceMove> moves(JsonNode root) {
    List<ResourceMove> out = new ArrayList<>();
    // a plan file written before moved blocks existed has none
    root.path("moves").forEach(n -> out.add(new ResourceMove(address(n.get("from").asText()), address(n.get("to").asText()))));
    return List.copyOf(out);
  }

  private static ObjectNode change(Change c) {
    ObjectNode n = NODES.objectNode();
    n.put("address", c.address().toString());
    n.put("type", c.type());
    n.put("provider", c.provider());
    n.put("action", c.action().name());
    c.desired().ifPresent(d -> n.set("desired", desired(d)));
    ArrayNode attrs = n.putArray("attributes");
    for (AttributeChange a : c.attributes()) {
      ObjectNode an = attrs.addObject().put("name", a.name()).put("sensitive", a.sensitive())
          .put("forces_replacement", a.forcesReplacement());
      a.before().ifPresent(v -> an.set("before", value(v, a.name())));
      a.after().ifPresent(v -> an.set("after", value(v, a.name())));
    }
    n.set("reasons", MAPPER.valueToTree(c.reasons()));
    n.put("drift_cause", c.drift().cause().name());
    n.set("drift", MAPPER.valueToTree(c.drift().notes()));
    n.set("context", MAPPER.valueToTree(c.context()));
    return n;
  }

  private static Change change(JsonNode n, State refreshed) {
    Address address = address(n.get("address").asText());
    String type = n.get("type").asText();
    String provider = n.get("provider").asText();
    Action action = Action.valueOf(n.get("action").asText());
    Optional<DesiredResource> desired = Optional.ofNullable(n.get("desired")).map(d -> desired(address, type, d));
    Optional<ResourceState> prior = refreshed.resource(address);
    List<AttributeChange> attributes = attributeChanges(n.get("attributes"));
    List<String> reasons = strings(n.get("reasons"));
    Drift drift = new Drift(Drift.Cause.valueOf(n.get("drift_cause").asText()), strings(n.get("drift")));
    List<String> context = strings(n.get("context"));
    return new Change(address, type, provider, action, desired, prior, attributes, reasons, drift, context);
  }

  private static List<AttributeChange> attributeChanges(JsonNode attributes) {
    List<AttributeChange> out = new ArrayList<>();
    for (JsonNode a : attributes) {
      String name = a.get("name").asText();
      out.add(new AttributeChange(name, Optional.ofNullable(a.get("before")).map(v -> fromValue(v, name)),
          Optional.ofNullable(a.get("after")).map(v -> fromValue(v, name)), a.get("sensitive").asBoolean(),
          a.get("forces_replacement").asBoolean()));
    }
    return out;
  }

  private static ObjectNode desired(DesiredResource d) {
    ObjectNode n = NODES.objectNode();
    ObjectNode attrs = n.putObject("attributes");
    d.attributes().forEach((k, v) -> attrs.set(k, value(v, k)));
    ObjectNode sensitive = n.putObject("sensitive");
    d.sensitive().forEach((k, v) -> {
      if (!(v instanceof Ref)) {
        // The expansion only ever puts references here; a literal would be a secret in the file.
        throw new IllegalStateException(d.address() + "." + k + " holds a literal secret value");
      }
      sensitive.set(k, value(v, k));
    });
    ArrayNode deps = n.putArray("depends_on");
    d.dependsOn().forEach(a -> deps.add(a.toString()));
    ObjectNode lifecycle = n.putObject("lifecycle");
    d.lifecycle().rotateAfter().ifPresent(l -> lifecycle.put("rotate_after", l.text()));
    d.lifecycle().renewBefore().ifPresent(l -> lifecycle.put("renew_before", l.text()));
    return n;
  }

  private static DesiredResource desired(Address address, String type, JsonNode n) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    n.get("attributes").fields().forEachRemaining(e -> attrs.put(e.getKey(), fromValue(e.getValue(), e.getKey())));
    Map<String, Object> sensitive = new LinkedHashMap<>();
    n.get("sensitive").fields().forEachRemaining(e -> sensitive.put(e.getKey(), fromValue(e.getValue(), e.getKey())));
    Set<Address> deps = new LinkedHashSet<>();
    n.get("depends_on").forEach(a -> deps.add(address(a.asText())));
    JsonNode l = n.get("lifecycle");
    Lifecycle lifecycle = new Lifecycle(lifetime(l.get("rotate_after")), lifetime(l.get("renew_before")));
    return new DesiredResource(address, type, attrs, sensitive, deps, lifecycle);
  }

  /** JSON values as they are; references and unknowns as marked objects. */
  private static JsonNode value(Object v, String path) {
    if (v instanceof Ref r) {
      return NODES.objectNode().set("$ref", NODES.objectNode().put("address", r.address().toString())
          .put("attribute", r.attribute()).put("sensitive", r.sensitive()));
    }
    if (v instanceof Unknown u) {
      return NODES.objectNode().set("$unknown", NODES.objectNode().put("address", u.from().toString())
          .put("attribute", u.attribute()));
    }
    if (v instanceof Double d) {
      return NODES.numberNode(d);
    }
    return AttributeJson.toJson(v, path);
  }

  private static Object fromValue(JsonNode n, String path) {
    if (n.isObject() && n.has("$ref")) {
      JsonNode r = n.get("$ref");
      return new Ref(address(r.get("address").asText()), r.get("attribute").asText(), r.get("sensitive").asBoolean());
    }
    if (n.isObject() && n.has("$unknown")) {
      JsonNode u = n.get("$unknown");
      return new Unknown(address(u.get("address").asText()), u.get("attribute").asText());
    }
    if (n.isDouble()) {
      return n.asDouble();
    }
    return AttributeJson.fromJson(n, path);
  }

  private static Optional<Lifetime> lifetime(JsonNode n) {
    return n == null ? Optional.empty() : Lifetime.parse(n.asText());
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(s -> out.add(s.asText()));
    return out;
  }

  private static Address address(String text) {
    return Address.parse(text).orElseThrow(() -> new PullplanException("the plan file names an invalid address " + text));
  }

  private static JsonNode tree(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
