package dev.pullplan.sandbox.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A tiny OCI image assembled by hand: one uncompressed tar layer holding {@code /probe.txt}, its
 * config blob and the image manifest, each addressed by its sha256 digest. Pushed with the
 * distribution API (monolithic blob uploads, then the manifest by tag).
 */
public final class ProbeImage {
  static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
  static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
  static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final byte[] layer;
  private final byte[] config;
  private final byte[] manifest;

  private ProbeImage(byte[] layer, byte[] config, byte[] manifest) {
    this.layer = layer;
    this.config = config;
    this.manifest = manifest;
  }

  /** An image whose one file names {@code repository:tag}, so two probe images never share a digest. */
  public static ProbeImage of(String repository, String tag) {
    byte[] layer = tar("probe.txt", ("pullplan sandbox probe image " + repository + ":" + tag + "\n")
        .getBytes(StandardCharsets.UTF_8));
    ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
    config.putObject("config").putArray("Cmd").add("/probe.txt");
    ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
    rootfs.putArray("diff_ids").add(digest(layer));
    byte[] configBytes = bytes(config);
    ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MANIFEST_TYPE);
    manifest.putObject("config").put("mediaType", CONFIG_TYPE).put("digest", digest(configBytes))
        .put("size", configBytes.length);
    manifest.putArray("layers").addObject().put("mediaType", LAYER_TYPE).put("digest", digest(layer))
        .put("size", layer.length);
    return new ProbeImage(layer, configBytes, bytes(manifest));
  }

  /** {@code sha256:<hex>} of the manifest: what a registry answers as {@code Docker-Content-Digest}. */
  public String digest() {
    return digest(manifest);
  }

  /** Pushes the blobs and the manifest to {@code registry} as {@code repository:tag} with a push token. */
  public void push(URI registry, String repository, String tag, String bearerToken) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    uploadBlob(http, registry, repository, layer, bearerToken);
    uploadBlob(http, registry, repository, config, bearerToken);
    send(http, HttpRequest.newBuilder(registry.resolve("/v2/" + repository + "/manifests/" + tag))
        .header("Authorization", "Bearer " + bearerToken).header("Content-Type", MANIFEST_TYPE)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(), 201, "manifest " + repository + ":" + tag);
  }

  private static void uploadBlob(HttpClient http, URI registry, String repository, byte[] blob, String token) {
    HttpResponse<String> started = send(http, HttpRequest.newBuilder(registry.resolve("/v2/" + repository + "/blobs/uploads/"))
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(), 202,
        "blob upload to " + repository);
    String location = started.headers().firstValue("Location")
        .orElseThrow(() -> new IllegalStateException("the registry started an upload without a Location"));
    URI upload = registry.resolve(location);
    URI put = URI.create(upload + (upload.getRawQuery() == null ? "?" : "&") + "digest=" + digest(blob).replace(":", "%3A"));
    send(http, HttpRequest.newBuilder(put).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(),
        201, "blob " + digest(blob));
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest request, int expected, String what) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IllegalStateException("pushing " + what + ": the registry answered " + response.statusCode() + " "
            + response.body());
      }
      return response;
    } catch (IOException e) {
      throw new IllegalStateException("pushing " + what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pushing " + what, e);
    }
  }

  /** A ustar archive of one regular file (header, content padded to 512, two zero blocks). */
  static byte[] tar(String name, byte[] content) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, String.format("%011o", 0));
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    header[155] = ' ';
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header);
    out.writeBytes(content);
    out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void put(byte[] header, int offset, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  static String digest(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
