package dev.pullplan.state;

import dev.pullplan.IoFailure;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.crypto.DataKey;
import dev.pullplan.state.crypto.EncryptionHeader;
import dev.pullplan.state.crypto.KeyOrigin;
import dev.pullplan.state.crypto.Keyring;
import dev.pullplan.state.crypto.Sealed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A {@link State} as the bytes of a state file and back: pretty-printed JSON with a fixed key
 * order, described by {@code schema/state.schema.json}. Sensitive values are sealed with the
 * keyring's write key when there is a keyring, and stored in plaintext (marked so) when not.
 */
public final class StateCodec {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n")));
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String ENCRYPTED = "encrypted";
  private static final String PLAINTEXT = "plaintext";

  private final Optional<Keyring> keyring;
  /**
   * The bytes decoded last and their state: a run reads the state when it opens (the stack's
   * recorded name) and again when it plans, and decoding 10 000 resources costs a tenth of a
   * second of CPU. Immutable, so one reference swap keeps it consistent across threads.
   */
  private volatile Decoded lastDecoded;

  private record Decoded(byte[] bytes, State state) {}

  public StateCodec(Optional<Keyring> keyring) {
    this.keyring = keyring;
  }

  /** How many sensitive values {@code state} holds: what a plaintext write exposes. */
  public static long sensitiveCount(State state) {
    return state.resources().stream().mapToLong(r -> r.sensitive().size()).sum();
  }

  public boolean encrypts() {
    return keyring.isPresent();
  }

  /**
   * The warning a write of {@code state} deserves when it stores secrets unencrypted.
   *
   * @param where {@code file /path/pullplan.state.json}, {@code Secret ns/name}...
   */
  public Optional<String> plaintextWarning(State state, String where) {
    long secrets = sensitiveCount(state);
    if (encrypts() || secrets == 0) {
      return Optional.empty();
    }
    return Optional.of("WARNING: state " + where + " holds " + secrets + " secret value" + (secrets == 1 ? "" : "s")
        + " unencrypted; set " + Keyring.PASSPHRASE + " or " + Keyring.KEY_FILE);
  }

  /**
   * The warning a read of {@code state} deserves when a newer pullplan wrote it (as Terraform warns
   * of state from a newer Terraform): this version may not understand all of it, and its next
   * write records the older version. A newer {@code format_version} is refused in {@link #decode}.
   *
   * @param where {@code file /path/pullplan.state.json}, {@code Secret ns/name}...
   */
  public static Optional<String> newerVersionWarning(State state, String where, String current) {
    Optional<int[]> written = ReleaseNumber.parse(state.pullplanVersion());
    Optional<int[]> running = ReleaseNumber.parse(current);
    if (written.isEmpty() || running.isEmpty() || ReleaseNumber.compare(written.get(), running.get()) <= 0) {
      return Optional.empty();
    }
    return Optional.of("WARNING: state " + where + " was written by pullplan " + state.pullplanVersion()
        + ", newer than this pullplan (" + current + "): it may hold what this version does not understand,"
        + " and the next write records " + current + "; upgrade pullplan");
  }

  public static Optional<String> newerVersionWarning(State state, String where) {
    return newerVersionWarning(state, where, Version.current());
  }

  /** @throws IllegalArgumentException when an attribute holds something that is not a JSON value */
  public byte[] encode(State state) {
    ObjectNode root = NODES.objectNode();
    root.put("format_version", State.FORMAT_VERSION);
    root.put("serial", state.serial());
    root.put("lineage", state.lineage());
    state.stack().ifPresent(name -> root.put("stack", name));
    root.put("pullplan_version", state.pullplanVersion());
    root.put("config_digest", state.configDigest());
    state.provenance().ifPresent(p -> root.set("provenance", provenance(p)));
    Optional<DataKey> key = keyring.map(Keyring::writeKey);
    root.put("sensitive_values", key.isPresent() ? ENCRYPTED : PLAINTEXT);
    key.ifPresent(k -> root.set("encryption", header(k.header())));
    Function<String, JsonNode> sensitiveValue = key
        .<Function<String, JsonNode>>map(k -> plaintext -> sealed(k.seal(plaintext)))
        .orElse(NODES::textNode);
    ArrayNode resources = root.putArray("resources");
    state.resources().forEach(r -> resources.add(resource(r, sensitiveValue)));
    if (!state.deposed().isEmpty()) {
      // only when there is something deposed, so a state without is written as before
      ArrayNode deposed = root.putArray("deposed");
      state.deposed().forEach(d -> deposed.add(deposed(d, sensitiveValue)));
    }
    try {
      return (PRETTY.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree failed to serialise", e);
    }
  }

  /**
   * The first line of a journal on top of {@code base}: which state it continues and how its
   * sensitive values are sealed (as the state's are).
   */
  public byte[] journalHeader(State base) {
    ObjectNode root = NODES.objectNode();
    root.put("journal_of", base.lineage());
    root.put("base_serial", base.serial());
    Optional<DataKey> key = keyring.map(Keyring::writeKey);
    root.put("sensitive_values", key.isPresent() ? ENCRYPTED : PLAINTEXT);
    key.ifPresent(k -> root.set("encryption", header(k.header())));
    return line(root);
  }

  /** One journal line: {@code entry}, which takes the state to {@code serial}. */
  public byte[] journalLine(JournalEntry entry, long serial) {
    Function<String, JsonNode> sensitiveValue = keyring.map(Keyring::writeKey)
        .<Function<String, JsonNode>>map(k -> plaintext -> sealed(k.seal(plaintext)))
        .orElse(NODES::textNode);
    ObjectNode root = NODES.objectNode();
    root.put("serial", serial);
    if (entry instanceof JournalEntry.Recorded r) {
      root.put("op", "record");
      root.put("address", r.address().toString());
      r.state().ifPresent(st -> root.set("resource", resource(st, sensitiveValue)));
    } else if (entry instanceof JournalEntry.Deposing d) {
      root.put("op", "depose");
      root.set("deposed", deposed(d.deposed(), sensitiveValue));
    } else if (entry instanceof JournalEntry.Undeposing u) {
      root.put("op", "undepose");
      root.put("key", u.key());
    }
    return line(root);
  }

  private static byte[] line(ObjectNode root) {
    try {
      return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree failed to serialise", e);
    }
  }

  /**
   * {@code base} with the journal's entries applied, when the journal continues exactly this
   * state (same lineage and serial); {@code base} as it is when it belongs to an older state (a
   * crash after a whole write and before the journal was removed). A last line cut short by a
   * crash is a change that never finished, and is left out.
   */
  public State replay(State base, byte[] journal, String where) {
    String text = new String(journal, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    // the part after the last newline is empty, or a line a crash cut short
    lines.remove(lines.size() - 1);
    if (lines.isEmpty()) {
      return base;
    }
    StateJsonField header = StateJsonField.root(parse(lines.get(0).getBytes(StandardCharsets.UTF_8), where), where)
        .object();
    if (!header.field("journal_of").text().equals(base.lineage()) || header.field("base_serial").integer() != base.serial()) {
      return base;
    }
    Function<StateJsonField, String> sensitiveValue = sensitiveReader(header, where);
    State state = base;
    for (String l : lines.subList(1, lines.size())) {
      StateJsonField e = StateJsonField.root(parse(l.getBytes(StandardCharsets.UTF_8), where), where).object();
      JournalEntry entry = switch (e.field("op").text()) {
        case "record" -> new JournalEntry.Recorded(address(e.field("address")),
            e.optional("resource").map(r -> resource(r.object(), sensitiveValue)));
        case "depose" -> new JournalEntry.Deposing(deposed(e.field("deposed").object(), sensitiveValue));
        case "undepose" -> new JournalEntry.Undeposing(e.field("key").text());
        default -> throw e.damaged("journal op " + e.field("op").text() + " is not record, depose or undepose");
      };
      long serial = e.field("serial").integer();
      State next = entry.applyTo(state);
      state = new State(next.formatVersion(), serial, next.lineage(), next.stack(), next.pullplanVersion(),
          next.configDigest(), next.provenance(), next.resources(), next.deposed());
    }
    return state;
  }

  private static ObjectNode provenance(Provenance p) {
    ObjectNode node = NODES.objectNode();
    node.put("commit", p.commit());
    p.branch().ifPresent(b -> node.put("branch", b));
    node.put("dirty", p.dirty());
    return node;
  }

  /** How a file records the key it was sealed with, as state files do; for other files sealed with the state key. */
  public static ObjectNode encryptionHeaderJson(EncryptionHeader header) {
    return header(header);
  }

  /**
   * Reads what {@link #encryptionHeaderJson} wrote.
   *
   * @throws PullplanException naming {@code where} when it is not such a header
   */
  public static EncryptionHeader encryptionHeader(JsonNode node, String where) {
    return header(StateJsonField.root(node, where).object());
  }

  private static ObjectNode header(EncryptionHeader header) {
    ObjectNode node = NODES.objectNode();
    node.put("cipher", EncryptionHeader.CIPHER);
    if (header.origin() instanceof KeyOrigin.FromPassphrase p) {
      node.put("kdf", KeyOrigin.FromPassphrase.KDF);
      node.put("iterations", p.iterations());
      node.put("salt", p.salt());
    } else {
      node.put("key", "file");
    }
    node.put("key_check", header.keyCheck());
    return node;
  }

  private static ObjectNode sealed(Sealed sealed) {
    ObjectNode node = NODES.objectNode();
    node.put("iv", sealed.iv());
    node.put("ciphertext", sealed.ciphertext());
    return node;
  }

  private static ObjectNode deposed(Deposed d, Function<String, JsonNode> sensitiveValue) {
    ObjectNode node = NODES.objectNode();
    node.put("key", d.key());
    node.put("kind", d.kind().keyword());
    node.set("object", resource(d.object(), sensitiveValue));
    return node;
  }

  private static ObjectNode resource(ResourceState r, Function<String, JsonNode> sensitiveValue) {
    ObjectNode node = NODES.objectNode();
    node.put("address", r.address().toString());
    node.put("type", r.type());
    node.put("provider", r.provider());
    node.put("id", r.id());
    node.set("attributes", AttributeJson.toJson(r.attributes(), r.address() + " attributes"));
    ObjectNode sensitive = node.putObject("sensitive");
    new TreeMap<>(r.sensitive()).forEach((name, value) -> sensitive.set(name, sensitiveValue.apply(value)));
    ArrayNode dependsOn = node.putArray("depends_on");
    r.dependsOn().forEach(a -> dependsOn.add(a.toString()));
    return node;
  }

  /**
   * Reads a state file. An encrypted file's key is checked before anything else is decoded.
   *
   * @param where the file (or Secret...) for messages
   * @throws PullplanException when the bytes are not a state file this version understands, or
   *     hold encrypted values that no configured key opens
   */
  public State decode(byte[] bytes, String where) {
    Decoded last = lastDecoded;
    if (last != null && java.util.Arrays.equals(last.bytes(), bytes)) {
      return last.state();
    }
    State state = decodeAnew(bytes, where);
    lastDecoded = new Decoded(bytes.clone(), state);
    return state;
  }

  private State decodeAnew(byte[] bytes, String where) {
    StateJsonField root = StateJsonField.root(parse(bytes, where), where).object();
    long formatVersion = root.field("format_version").integer();
    if (formatVersion > State.FORMAT_VERSION || formatVersion < 1) {
      throw new PullplanException("the state " + where + " has format version " + formatVersion
          + ", which this pullplan (" + Version.current() + ") does not read: upgrade pullplan");
    }
    Function<StateJsonField, String> sensitiveValue = sensitiveReader(root, where);
    List<ResourceState> resources = new ArrayList<>();
    Set<Address> seen = new HashSet<>();
    StateJsonField array = root.field("resources").array();
    for (int i = 0; i < array.node().size(); i++) {
      ResourceState r = resource(array.element(i).object(), sensitiveValue);
      if (!seen.add(r.address())) {
        throw array.damaged(r.address() + " appears twice in resources");
      }
      resources.add(r);
    }
    List<Deposed> deposed = new ArrayList<>();
    Optional<StateJsonField> deposedArray = root.optional("deposed").map(StateJsonField::array);
    if (deposedArray.isPresent()) {
      for (int i = 0; i < deposedArray.get().node().size(); i++) {
        deposed.add(deposed(deposedArray.get().element(i).object(), sensitiveValue));
      }
    }
    return new State(
        (int) formatVersion,
        root.field("serial").integer(),
        root.field("lineage").text(),
        root.optional("stack").map(StateJsonField::text),
        root.field("pullplan_version").text(),
        root.field("config_digest").text(),
        root.optional("provenance").map(StateCodec::provenance),
        resources,
        deposed);
  }

  private static Deposed deposed(StateJsonField d, Function<StateJsonField, String> sensitiveValue) {
    String kind = d.field("kind").text();
    Deposed.Kind k = java.util.Arrays.stream(Deposed.Kind.values()).filter(v -> v.keyword().equals(kind)).findFirst()
        .orElseThrow(() -> d.damaged("deposed kind \"" + kind + "\" is not credential or object"));
    return new Deposed(d.field("key").text(), k, resource(d.field("object").object(), sensitiveValue));
  }

  private static JsonNode parse(byte[] bytes, String where) {
    try {
      return JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      // Jackson's own message quotes the text around the error, which may be a plaintext secret
      JsonLocation at = e.getLocation();
      throw new PullplanException("the state " + where + " is not valid JSON"
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
          + ": it was damaged or is not a pullplan state");
    } catch (IOException e) {
      throw new PullplanException("the state " + where + " cannot be read: " + IoFailure.describe(e), e);
    }
  }

  private Function<StateJsonField, String> sensitiveReader(StateJsonField root, String where) {
    String marker = root.field("sensitive_values").text();
    if (marker.equals(PLAINTEXT)) {
      return StateJsonField::text;
    }
    if (!marker.equals(ENCRYPTED)) {
      throw root.damaged("sensitive_values must be \"" + PLAINTEXT + "\" or \"" + ENCRYPTED + "\"");
    }
    EncryptionHeader header = header(root.field("encryption").object());
    DataKey key = keyring
        .orElseThrow(() -> new PullplanException("the state " + where + " holds encrypted values and no key is"
            + " configured: set " + Keyring.PASSPHRASE + " or " + Keyring.KEY_FILE + " to the key it was written with"))
        .readKey(header, "the state " + where);
    return field -> {
      Sealed sealed = new Sealed(field.object().field("iv").text(), field.field("ciphertext").text());
      try {
        return key.open(sealed);
      } catch (PullplanException e) {
        throw field.damaged(field.path() + " does not decrypt although the key is right: it was altered");
      }
    };
  }

  private static EncryptionHeader header(StateJsonField encryption) {
    String cipher = encryption.field("cipher").text();
    if (!cipher.equals(EncryptionHeader.CIPHER)) {
      throw encryption.damaged("encryption.cipher " + cipher + " is not " + EncryptionHeader.CIPHER);
    }
    String keyCheck = encryption.field("key_check").text();
    if (encryption.optional("key").isPresent()) {
      if (!encryption.field("key").text().equals("file")) {
        throw encryption.damaged("encryption.key must be \"file\"");
      }
      return new EncryptionHeader(new KeyOrigin.FromKeyFile(), keyCheck);
    }
    String kdf = encryption.field("kdf").text();
    if (!kdf.equals(KeyOrigin.FromPassphrase.KDF)) {
      throw encryption.damaged("encryption.kdf " + kdf + " is not " + KeyOrigin.FromPassphrase.KDF);
    }
    long iterations = encryption.field("iterations").integer();
    if (iterations < 1 || iterations > Integer.MAX_VALUE) {
      throw encryption.damaged("encryption.iterations is out of range");
    }
    return new EncryptionHeader(
        new KeyOrigin.FromPassphrase((int) iterations, encryption.field("salt").text()), keyCheck);
  }

  private static Provenance provenance(StateJsonField p) {
    p.object();
    return new Provenance(p.field("commit").text(), p.optional("branch").map(StateJsonField::text), p.field("dirty").bool());
  }

  private static ResourceState resource(StateJsonField r, Function<StateJsonField, String> sensitiveValue) {
    Address address = address(r.field("address"));
    StateJsonField attributes = r.field("attributes").object();
    Map<String, Object> attributeValues;
    try {
      attributeValues = AttributeJson.fromJsonObject(attributes.node(), attributes.path());
    } catch (IllegalArgumentException e) {
      throw r.damaged(e.getMessage());
    }
    TreeMap<String, String> sensitive = new TreeMap<>();
    StateJsonField sensitiveNode = r.field("sensitive").object();
    sensitiveNode.node().fieldNames().forEachRemaining(
        name -> sensitive.put(name, sensitiveValue.apply(sensitiveNode.field(name))));
    StateJsonField dependsNode = r.field("depends_on").array();
    List<Address> dependsOn = new ArrayList<>();
    for (int i = 0; i < dependsNode.node().size(); i++) {
      dependsOn.add(address(dependsNode.element(i)));
    }
    return new ResourceState(address, r.field("type").text(), r.field("provider").text(), r.field("id").text(),
        Collections.unmodifiableMap(attributeValues), Collections.unmodifiableMap(sensitive),
        List.copyOf(dependsOn));
  }

  private static Address address(StateJsonField field) {
    String text = field.text();
    return Address.parse(text).orElseThrow(() -> field.damaged(field.path() + " \"" + text + "\" is not an address"));
  }
}
