package dev.pullplan.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API server rules the sandbox adds to the CRUD mock, seen through the fabric8 client and raw HTTP. */
class KubeApiServerTest {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static KubeSandbox sandbox;
  private String ns;

  @BeforeAll
  static void start() {
    sandbox = KubeSandbox.start(List.of("c"));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void namespace() throws InterruptedException {
    ns = "t-" + NAMESPACES.incrementAndGet();
    client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (client().serviceAccounts().inNamespace(ns).withName("default").get() == null && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  private static KubernetesClient client() {
    return sandbox.client("c");
  }

  private static int code(Runnable call) {
    try {
      call.run();
      return 200;
    } catch (KubernetesClientException e) {
      return e.getCode();
    }
  }

  private static SecretBuilder pullSecret(String name, String dockerConfig) {
    return new SecretBuilder().withNewMetadata().withName(name).endMetadata().withType("kubernetes.io/dockerconfigjson")
        .withData(Map.of(".dockerconfigjson", Base64.getEncoder().encodeToString(dockerConfig.getBytes(StandardCharsets.UTF_8))));
  }

  private HttpResponse<String> raw(String method, String path, String contentType, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.serverUrl("c") + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyClusterStartsWithTheBuiltInNamespacesAndTheirDefaultServiceAccounts() {
    for (String builtIn : KubeSandbox.BUILT_IN_NAMESPACES) {
      assertThat(client().namespaces().withName(builtIn).get().getStatus().getPhase()).isEqualTo("Active");
      assertThat(client().serviceAccounts().inNamespace(builtIn).withName("default").get()).isNotNull();
    }
  }

  @Test
  void createInAMissingNamespaceIsNotFound() {
    int code = code(() -> client().secrets().inNamespace("missing").resource(pullSecret("s", "{}").build()).create());

    assertThat(code).isEqualTo(404);
  }

  @Test
  void dockerConfigJsonSecretWithoutItsKeyIsInvalidWithACause() {
    Secret s = new SecretBuilder().withNewMetadata().withName("empty").endMetadata()
        .withType("kubernetes.io/dockerconfigjson").build();

    assertThatThrownBy(() -> client().secrets().inNamespace(ns).resource(s).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
          assertThat(e.getStatus().getDetails().getCauses()).singleElement()
              .satisfies(c -> assertThat(c.getField()).isEqualTo("data[.dockerconfigjson]"));
        });
  }

  @Test
  void dockerConfigJsonThatDoesNotParseIsInvalidAndNotEchoed() {
    KubernetesClientException e = org.junit.jupiter.api.Assertions.assertThrows(KubernetesClientException.class,
        () -> client().secrets().inNamespace(ns).resource(pullSecret("broken", "{\"auths\": sekrit").build()).create());

    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getStatus().getMessage()).contains("<secret contents redacted>").doesNotContain("sekrit");
  }

  @Test
  void secretTypeDefaultsToOpaqueAndStringDataIsFoldedIntoData() {
    Secret s = new SecretBuilder().withNewMetadata().withName("plain").endMetadata()
        .withStringData(Map.of("k", "v")).build();

    Secret created = client().secrets().inNamespace(ns).resource(s).create();

    assertThat(created.getType()).isEqualTo("Opaque");
    assertThat(created.getStringData()).isNullOrEmpty();
    assertThat(created.getData()).containsEntry("k", "dg==");
  }

  @Test
  void anImmutableSecretRefusesDataChangesButNotLabelChanges() {
    client().secrets().inNamespace(ns).resource(pullSecret("frozen", "{}").withImmutable(true).build()).create();
    Secret changed = client().secrets().inNamespace(ns).withName("frozen").get();
    changed.setData(Map.of(".dockerconfigjson", Base64.getEncoder().encodeToString("{\"auths\":{}}".getBytes(StandardCharsets.UTF_8))));
    Secret relabelled = client().secrets().inNamespace(ns).withName("frozen").get();
    relabelled.getMetadata().setLabels(Map.of("team", "edge"));

    assertThat(code(() -> client().secrets().inNamespace(ns).resource(changed).update())).isEqualTo(422);
    assertThat(code(() -> client().secrets().inNamespace(ns).resource(relabelled).update())).isEqualTo(200);
  }

  @Test
  void aLabelValueLongerThanSixtyThreeCharactersIsInvalid() {
    Secret s = pullSecret("labelled", "{}").editMetadata().withLabels(Map.of("pullplan.dev/state", "x".repeat(64)))
        .endMetadata().build();

    assertThat(code(() -> client().secrets().inNamespace(ns).resource(s).create())).isEqualTo(422);
  }

  @Test
  void anUpperCaseNameIsInvalid() {
    assertThat(code(() -> client().secrets().inNamespace(ns).resource(pullSecret("Upper", "{}").build()).create()))
        .isEqualTo(422);
  }

  @Test
  void annotationsOverTheTotalSizeAreInvalid() {
    Secret s = pullSecret("annotated", "{}").editMetadata()
        .withAnnotations(Map.of("a", "x".repeat(Admission.MAX_ANNOTATIONS_SIZE))).endMetadata().build();

    assertThat(code(() -> client().secrets().inNamespace(ns).resource(s).create())).isEqualTo(422);
  }

  @Test
  void aPodGetsItsServiceAccountsImagePullSecretsAtAdmission() {
    ServiceAccount sa = client().serviceAccounts().inNamespace(ns).withName("default").get();
    sa.setImagePullSecrets(List.of(new LocalObjectReference("pull")));
    client().serviceAccounts().inNamespace(ns).resource(sa).update();

    Pod pod = client().pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("registry.example/web:1").endContainer().endSpec()
        .build()).create();

    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("default");
    assertThat(pod.getSpec().getImagePullSecrets()).extracting(LocalObjectReference::getName).containsExactly("pull");
  }

  @Test
  void aPodNamingAMissingServiceAccountIsForbidden() {
    Pod pod = new PodBuilder().withNewMetadata().withName("lost").endMetadata().withNewSpec()
        .withServiceAccountName("nobody").addNewContainer().withName("c").withImage("i").endContainer().endSpec().build();

    assertThat(code(() -> client().pods().inNamespace(ns).resource(pod).create())).isEqualTo(403);
  }

  @Test
  void listsCarryTheirRealKindAndFieldSelectorsFilter() throws Exception {
    client().secrets().inNamespace(ns).resource(pullSecret("one", "{}").build()).create();
    client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("two").endMetadata().build())
        .create();

    HttpResponse<String> r = raw("GET", "/api/v1/namespaces/" + ns + "/secrets?fieldSelector="
        + java.net.URLEncoder.encode("type=kubernetes.io/dockerconfigjson", StandardCharsets.UTF_8), null, null);

    assertThat(r.body()).contains("\"kind\":\"SecretList\"").contains("\"one\"").doesNotContain("\"two\"");
  }

  @Test
  void anUnknownPathIsANotFoundStatus() throws Exception {
    HttpResponse<String> r = raw("GET", "/no/such/path", null, null);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("\"kind\":\"Status\"", "\"reason\":\"NotFound\"");
  }

  @Test
  void aProtobufBodyOfAKindNotDecodedIsUnsupportedMediaType() throws Exception {
    byte[] body = {0x6b, 0x38, 0x73, 0x00, 0x0a, 0x0b, 0x0a, 0x02, 'v', '1', 0x12, 0x05, 'P', 'o', 'd', 'x', 'x'};

    HttpResponse<String> r = raw("POST", "/api/v1/namespaces/" + ns + "/pods", "application/vnd.kubernetes.protobuf", body);

    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(r.body()).contains("\"reason\":\"UnsupportedMediaType\"");
  }

  @Test
  void deletingANamespaceDeletesWhatItHolds() throws Exception {
    client().secrets().inNamespace(ns).resource(pullSecret("inside", "{}").build()).create();

    client().namespaces().withName(ns).delete();

    assertThat(client().secrets().inNamespace(ns).withName("inside").get()).isNull();
  }

  @Test
  void dryRunValidatesButStoresNothing() throws Exception {
    String body = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"dry\"},\"stringData\":{\"a\":\"b\"}}";

    HttpResponse<String> r = raw("POST", "/api/v1/namespaces/" + ns + "/secrets?dryRun=All", "application/json",
        body.getBytes(StandardCharsets.UTF_8));

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(client().secrets().inNamespace(ns).withName("dry").get()).isNull();
  }
}
