package dev.pullplan.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Decodes the Kubernetes protobuf encoding of the few kinds kubectl's typed commands send
 * ({@code kubectl create secret|serviceaccount|configmap|namespace}) into their JSON form.
 *
 * <p>The envelope is the 4-byte magic {@code k8s\0} and a {@code runtime.Unknown} (typeMeta = 1,
 * raw = 2); the field numbers are those of {@code k8s.io/api/core/v1/generated.proto} and
 * {@code k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto}. Fields the sandbox does not
 * decode are skipped, as an old server skips fields it does not know.
 */
final class ProtobufObjects {
  private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};

  private ProtobufObjects() {}

  /** The object as JSON, or empty when the body is not one of the kinds decoded here. */
  static Optional<ObjectNode> decode(byte[] body) {
    if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
      return Optional.empty();
    }
    Reader unknown = new Reader(Arrays.copyOfRange(body, MAGIC.length, body.length));
    String apiVersion = "";
    String kind = "";
    byte[] raw = new byte[0];
    while (unknown.more()) {
      int tag = unknown.tag();
      switch (tag >>> 3) {
        case 1 -> {
          Reader typeMeta = unknown.message();
          while (typeMeta.more()) {
            int t = typeMeta.tag();
            switch (t >>> 3) {
              case 1 -> apiVersion = typeMeta.string();
              case 2 -> kind = typeMeta.string();
              default -> typeMeta.skip(t);
            }
          }
        }
        case 2 -> raw = unknown.bytes();
        default -> unknown.skip(tag);
      }
    }
    if (!apiVersion.equals("v1")) {
      return Optional.empty();
    }
    ObjectNode out = KubeJson.object();
    out.put("apiVersion", apiVersion).put("kind", kind);
    Reader r = new Reader(raw);
    boolean known = switch (kind) {
      case "Secret" -> secret(r, out);
      case "ServiceAccount" -> serviceAccount(r, out);
      case "ConfigMap" -> configMap(r, out);
      case "Namespace" -> namespace(r, out);
      default -> false;
    };
    return known ? Optional.of(out) : Optional.empty();
  }

  private static boolean secret(Reader r, ObjectNode out) {
    while (r.more()) {
      int tag = r.tag();
      switch (tag >>> 3) {
        case 1 -> out.set("metadata", objectMeta(r.message()));
        case 2 -> mapEntry(r.message(), out.withObjectProperty("data"), true);
        case 3 -> out.put("type", r.string());
        case 4 -> mapEntry(r.message(), out.withObjectProperty("stringData"), false);
        case 5 -> out.put("immutable", r.varint() != 0);
        default -> r.skip(tag);
      }
    }
    return true;
  }

  private static boolean serviceAccount(Reader r, ObjectNode out) {
    while (r.more()) {
      int tag = r.tag();
      switch (tag >>> 3) {
        case 1 -> out.set("metadata", objectMeta(r.message()));
        case 2 -> out.withArrayProperty("secrets").add(KubeJson.object().put("name", nameField(r.message(), 3)));
        case 3 -> out.withArrayProperty("imagePullSecrets").add(KubeJson.object().put("name", nameField(r.message(), 1)));
        case 4 -> out.put("automountServiceAccountToken", r.varint() != 0);
        default -> r.skip(tag);
      }
    }
    return true;
  }

  private static boolean configMap(Reader r, ObjectNode out) {
    while (r.more()) {
      int tag = r.tag();
      switch (tag >>> 3) {
        case 1 -> out.set("metadata", objectMeta(r.message()));
        case 2 -> mapEntry(r.message(), out.withObjectProperty("data"), false);
        case 3 -> mapEntry(r.message(), out.withObjectProperty("binaryData"), true);
        case 4 -> out.put("immutable", r.varint() != 0);
        default -> r.skip(tag);
      }
    }
    return true;
  }

  private static boolean namespace(Reader r, ObjectNode out) {
    while (r.more()) {
      int tag = r.tag();
      if (tag >>> 3 == 1) {
        out.set("metadata", objectMeta(r.message()));
      } else {
        r.skip(tag);
      }
    }
    return true;
  }

  /** ObjectReference.name is field 3, LocalObjectReference.name field 1. */
  private static String nameField(Reader r, int field) {
    String name = "";
    while (r.more()) {
      int tag = r.tag();
      if (tag >>> 3 == field && (tag & 7) == 2) {
        name = r.string();
      } else {
        r.skip(tag);
      }
    }
    return name;
  }

  private static ObjectNode objectMeta(Reader r) {
    ObjectNode m = KubeJson.object();
    while (r.more()) {
      int tag = r.tag();
      switch (tag >>> 3) {
        case 1 -> m.put("name", r.string());
        case 2 -> m.put("generateName", r.string());
        case 3 -> m.put("namespace", r.string());
        case 5 -> m.put("uid", r.string());
        case 6 -> m.put("resourceVersion", r.string());
        case 8 -> m.put("creationTimestamp", time(r.message()));
        case 11 -> mapEntry(r.message(), m.withObjectProperty("labels"), false);
        case 12 -> mapEntry(r.message(), m.withObjectProperty("annotations"), false);
        case 14 -> m.withArrayProperty("finalizers").add(r.string());
        default -> r.skip(tag);
      }
    }
    return m;
  }

  private static String time(Reader r) {
    long seconds = 0;
    while (r.more()) {
      int tag = r.tag();
      if (tag >>> 3 == 1) {
        seconds = r.varint();
      } else {
        r.skip(tag);
      }
    }
    return Instant.ofEpochSecond(seconds).toString();
  }

  /** A map entry message: key = 1, value = 2; bytes values become base64 as in JSON. */
  private static void mapEntry(Reader r, ObjectNode into, boolean bytesValue) {
    String key = "";
    String value = "";
    while (r.more()) {
      int tag = r.tag();
      switch (tag >>> 3) {
        case 1 -> key = r.string();
        case 2 -> value = bytesValue ? Base64.getEncoder().encodeToString(r.bytes()) : r.string();
        default -> r.skip(tag);
      }
    }
    into.put(key, value);
  }

  /** The protobuf wire format: varints and length-delimited fields. */
  private static final class Reader {
    private final byte[] buf;
    private int pos;

    Reader(byte[] buf) {
      this.buf = buf;
    }

    boolean more() {
      return pos < buf.length;
    }

    int tag() {
      return (int) varint();
    }

    long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = next();
        v |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
      throw new IllegalArgumentException("malformed varint");
    }

    byte[] bytes() {
      int len = (int) varint();
      if (len < 0 || pos + len > buf.length) {
        throw new IllegalArgumentException("truncated protobuf field");
      }
      byte[] out = Arrays.copyOfRange(buf, pos, pos + len);
      pos += len;
      return out;
    }

    String string() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }

    Reader message() {
      return new Reader(bytes());
    }

    void skip(int tag) {
      switch (tag & 7) {
        case 0 -> varint();
        case 1 -> pos += 8;
        case 2 -> bytes();
        case 5 -> pos += 4;
        default -> throw new IllegalArgumentException("unsupported protobuf wire type " + (tag & 7));
      }
    }

    private byte next() {
      if (pos >= buf.length) {
        throw new IllegalArgumentException("truncated protobuf message");
      }
      return buf[pos++];
    }
  }
}
