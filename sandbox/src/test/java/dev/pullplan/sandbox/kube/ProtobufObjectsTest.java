package dev.pullplan.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bodies encoded by hand with the field numbers of k8s.io/api's generated.proto. */
class ProtobufObjectsTest {
  private static byte[] field(int number, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(number << 3 | 2);
    int len = value.length;
    while (len >= 0x80) {
      out.write(len & 0x7f | 0x80);
      len >>>= 7;
    }
    out.write(len);
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] field(int number, String value) {
    return field(number, value.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] envelope(String kind, byte[] raw) {
    return concat(new byte[] {0x6b, 0x38, 0x73, 0x00},
        field(1, concat(field(1, "v1"), field(2, kind))), field(2, raw));
  }

  @Test
  void aSecretDecodesWithItsMetadataBase64DataAndType() {
    byte[] meta = concat(field(1, "pull"), field(3, "edge"), field(11, concat(field(1, "team"), field(2, "edge"))));
    byte[] secret = concat(field(1, meta), field(2, concat(field(1, ".dockerconfigjson"), field(2, "{}"))),
        field(3, "kubernetes.io/dockerconfigjson"));

    ObjectNode json = ProtobufObjects.decode(envelope("Secret", secret)).orElseThrow();

    assertThat(json.at("/kind").asText()).isEqualTo("Secret");
    assertThat(json.at("/metadata/name").asText()).isEqualTo("pull");
    assertThat(json.at("/metadata/labels/team").asText()).isEqualTo("edge");
    assertThat(json.at("/data/.dockerconfigjson").asText()).isEqualTo("e30=");
    assertThat(json.at("/type").asText()).isEqualTo("kubernetes.io/dockerconfigjson");
  }

  @Test
  void aServiceAccountDecodesItsImagePullSecrets() {
    byte[] sa = concat(field(1, field(1, "robot")), field(3, field(1, "pull")), field(3, field(1, "legacy")));

    ObjectNode json = ProtobufObjects.decode(envelope("ServiceAccount", sa)).orElseThrow();

    assertThat(json.at("/imagePullSecrets/0/name").asText()).isEqualTo("pull");
    assertThat(json.at("/imagePullSecrets/1/name").asText()).isEqualTo("legacy");
  }

  @Test
  void aKindNotDecodedHereIsEmpty() {
    assertThat(ProtobufObjects.decode(envelope("Pod", field(1, field(1, "web"))))).isEmpty();
  }

  @Test
  void aBodyWithoutTheMagicIsEmpty() {
    assertThat(ProtobufObjects.decode("{\"kind\":\"Secret\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }
}
