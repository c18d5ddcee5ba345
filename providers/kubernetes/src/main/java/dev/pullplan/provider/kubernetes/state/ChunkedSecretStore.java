package dev.pullplan.provider.kubernetes.state;

import dev.pullplan.PullplanException;
import dev.pullplan.provider.kubernetes.KubernetesApiException;
import dev.pullplan.provider.kubernetes.RetriedWrite;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Bytes stored gzipped in Secrets: in the index Secret itself when they fit, else in chunk Secrets
 * of one <em>generation</em> that the index names. A write creates the new generation's chunks
 * first and then switches the index with one optimistic update, so a reader sees the old
 * generation or the new, never a mix; the previous generation is deleted afterwards.
 */
final class ChunkedSecretStore {
  /** Below the API server's limit of 1 MiB on a Secret's data, with room for the key names. */
  static final int CHUNK_BYTES = 1_000_000;
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String STATE_LABEL = "pullplan.dev/state";
  static final String GENERATION = "pullplan.dev/generation";
  static final String CHUNKS = "pullplan.dev/chunks";
  static final String SHA256 = "pullplan.dev/sha256";
  static final String INLINE_KEY = "state.json.gz";
  static final String CHUNK_KEY = "chunk";
  /** A reader that finds a chunk gone was overtaken by a writer: it starts over from the index. */
  private static final int READ_ATTEMPTS = 5;

  private final StateApi api;
  private final String stateName;
  private final String indexName;

  ChunkedSecretStore(StateApi api, String stateName) {
    this.api = api;
    this.stateName = stateName;
    this.indexName = "pullplan-state-" + stateName;
  }

  String describe() {
    return "Secret " + api.namespace + "/" + indexName;
  }

  Optional<byte[]> read() {
    for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      Optional<Secret> index = get(indexName);
      if (index.isEmpty()) {
        return Optional.empty();
      }
      Optional<byte[]> gz = content(index.get());
      if (gz.isPresent()) {
        return Optional.of(gunzip(gz.get()));
      }
    }
    throw new PullplanException("the state " + describe() + " keeps changing, or names chunks that do not exist"
        + " (it was damaged); tried " + READ_ATTEMPTS + " times");
  }

  private int chunkCount(Map<String, String> notes) {
    String count = notes.getOrDefault(CHUNKS, "0");
    try {
      return Integer.parseInt(count);
    } catch (NumberFormatException e) {
      throw new PullplanException("the state " + describe() + " is damaged: its " + CHUNKS + " annotation is \""
          + count + "\", not a number of chunks");
    }
  }

  /** Empty when a chunk the index names is gone or does not match: a writer moved the index on meanwhile. */
  private Optional<byte[]> content(Secret index) {
    Map<String, String> notes = annotations(index);
    int chunks = chunkCount(notes);
    if (chunks == 0) {
      return Optional.of(decode(Optional.ofNullable(index.getData()).map(d -> d.get(INLINE_KEY)).orElseThrow(
          () -> new PullplanException("the state " + describe() + " is damaged: it has no " + INLINE_KEY))));
    }
    String generation = notes.get(GENERATION);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int i = 0; i < chunks; i++) {
      Optional<Secret> chunk = get(chunkName(generation, i));
      if (chunk.isEmpty() || chunk.get().getData() == null || !chunk.get().getData().containsKey(CHUNK_KEY)) {
        return Optional.empty();
      }
      all.writeBytes(decode(chunk.get().getData().get(CHUNK_KEY)));
    }
    byte[] bytes = all.toByteArray();
    return sha256(bytes).equals(notes.get(SHA256)) ? Optional.of(bytes) : Optional.empty();
  }

  void write(byte[] content) {
    byte[] gz = gzip(content);
    Optional<Secret> previous = get(indexName);
    Map<String, String> notes = new HashMap<>();
    Map<String, String> data = new HashMap<>();
    String generation = UUID.randomUUID().toString().substring(0, 8);
    List<String> created = new ArrayList<>();
    if (gz.length <= CHUNK_BYTES) {
      notes.put(CHUNKS, "0");
      data.put(INLINE_KEY, encode(gz));
    } else {
      int chunks = (gz.length + CHUNK_BYTES - 1) / CHUNK_BYTES;
      for (int i = 0; i < chunks; i++) {
        byte[] part = Arrays.copyOfRange(gz, i * CHUNK_BYTES, Math.min(gz.length, (i + 1) * CHUNK_BYTES));
        String name = chunkName(generation, i);
        Secret chunk = secret(name, Map.of(GENERATION, generation), Map.of(), Map.of(CHUNK_KEY, encode(part)));
        RetriedWrite.perform(() -> api.call("create secret " + api.namespace + "/" + name,
                () -> api.client().secrets().inNamespace(api.namespace).resource(chunk).create()),
            () -> get(name), stored -> holdsWhatWasWritten(stored, chunk));
        created.add(name);
      }
      notes.put(CHUNKS, Integer.toString(chunks));
      notes.put(GENERATION, generation);
      notes.put(SHA256, sha256(gz));
    }
    Secret index = secret(indexName, Map.of(), notes, data);
    try {
      switchIndex(previous, index);
    } catch (RuntimeException e) {
      created.forEach(this::delete);
      throw e;
    }
    previous.map(ChunkedSecretStore::annotations)
        .filter(old -> chunkCount(old) > 0)
        .ifPresent(old -> {
          for (int i = 0; i < chunkCount(old); i++) {
            delete(chunkName(old.get(GENERATION), i));
          }
        });
  }

  /**
   * Create, or replace only the version read: a concurrent writer is an error, never overwritten.
   * An index that holds exactly this write is this write, met again by fabric8's retry.
   */
  private void switchIndex(Optional<Secret> previous, Secret index) {
    String action = (previous.isPresent() ? "update" : "create") + " secret " + api.namespace + "/" + indexName;
    previous.ifPresent(p -> index.getMetadata().setResourceVersion(p.getMetadata().getResourceVersion()));
    try {
      RetriedWrite.perform(() -> api.call(action, () -> previous.isEmpty()
              ? api.client().secrets().inNamespace(api.namespace).resource(index).create()
              : api.client().secrets().inNamespace(api.namespace).resource(index).update()),
          () -> get(indexName), stored -> holdsWhatWasWritten(stored, index));
    } catch (KubernetesApiException e) {
      if (StateApi.isConflict(e)) {
        throw new PullplanException("the state " + describe() + " was written by someone else during this write;"
            + " nothing was overwritten. Check who runs pullplan without the lock, then plan again.");
      }
      throw e;
    }
  }

  /** The annotations and data {@code written} carries are {@code stored}'s: compared, never printed (state holds secrets). */
  private static boolean holdsWhatWasWritten(Secret stored, Secret written) {
    Map<String, String> notes = annotations(stored);
    Map<String, String> data = data(stored);
    return annotations(written).entrySet().stream().allMatch(n -> n.getValue().equals(notes.get(n.getKey())))
        && data.keySet().equals(data(written).keySet())
        && data(written).entrySet().stream()
            .allMatch(d -> MessageDigest.isEqual(decode(d.getValue()), decode(data.get(d.getKey()))));
  }

  private Secret secret(String name, Map<String, String> extraLabels, Map<String, String> notes, Map<String, String> data) {
    Map<String, String> labels = new HashMap<>(extraLabels);
    labels.put(MANAGED_BY, "pullplan");
    labels.put(STATE_LABEL, stateName);
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace(api.namespace).withLabels(labels)
        .withAnnotations(notes).endMetadata().withType("Opaque").withData(data).build();
  }

  private Optional<Secret> get(String name) {
    return Optional.ofNullable(api.call("get secret " + api.namespace + "/" + name,
        () -> api.client().secrets().inNamespace(api.namespace).withName(name).get()));
  }

  private void delete(String name) {
    api.call("delete secret " + api.namespace + "/" + name,
        () -> api.client().secrets().inNamespace(api.namespace).withName(name).delete());
  }

  private String chunkName(String generation, int i) {
    return indexName + "-" + generation + "-" + i;
  }

  private static Map<String, String> annotations(Secret s) {
    return Optional.ofNullable(s.getMetadata().getAnnotations()).orElse(Map.of());
  }

  private static Map<String, String> data(Secret s) {
    return Optional.ofNullable(s.getData()).orElse(Map.of());
  }

  private static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] decode(String base64) {
    return Base64.getDecoder().decode(base64);
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new IllegalStateException("gzip into memory failed", e);
    }
    return out.toByteArray();
  }

  private byte[] gunzip(byte[] bytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new PullplanException("the state " + describe() + " is damaged: its content is not gzip data");
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
