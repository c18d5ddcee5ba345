package dev.pullplan.sandbox.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.sandbox.kube.KubeSeed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's real registry: where it is announced, what it holds, and that it wants tokens. */
class SandboxRegistryTest {
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  @TempDir Path dir;
  Sandbox sandbox;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    if (!LocalRegistry.available()) {
      System.out.println("SandboxRegistryTest skipped: " + LocalRegistry.BINARY + " is not installed");
    }
    assumeTrue(LocalRegistry.available(), LocalRegistry.BINARY + " is not installed");
    Files.writeString(dir.resolve("sandbox.hcl"), "image \"seeded/app:2.0\" {}\n");
    sandbox = Sandbox.start(dir, KubeSeed.defaultSeed());
  }

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private HttpResponse<Void> headManifest(String repository, String tag, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + sandbox.registry().orElseThrow().address()
        + "/v2/" + repository + "/manifests/" + tag)).method("HEAD", HttpRequest.BodyPublishers.noBody())
        .header("Accept", OCI_MANIFEST);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding());
  }

  @Test
  void theAcrLoginServerIsTheRealRegistrysAddressAndSandboxEnvSaysSo() throws Exception {
    String address = sandbox.registry().orElseThrow().address();

    assertThat(sandbox.azure().loginServer("pullplandemo")).contains(address);
    assertThat(sandbox.environment()).containsEntry("PULLPLAN_SANDBOX_REGISTRY", address);
    assertThat(Files.readString(sandbox.writeEnv(dir.resolve("sandbox.env"))))
        .contains("served by docker-registry at " + address);
  }

  @Test
  void withoutATokenTheRegistryChallengesWithTheAcrTokenRealm() throws Exception {
    HttpResponse<Void> anonymous = headManifest("edge/sim", "1.0", null);

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("realm=\"" + sandbox.azure().registryTokenRealm() + "\"")
        .contains("scope=\"repository:edge/sim:pull\"");
  }

  @Test
  void theProbeImagesAndTheSeededOneAreServedByDigest() throws Exception {
    for (String image : new String[] {"edge/sim:1.0", "apps/web:1.0", "seeded/app:2.0"}) {
      String repository = image.substring(0, image.indexOf(':'));
      String tag = image.substring(image.indexOf(':') + 1);
      HttpResponse<Void> found = headManifest(repository, tag,
          "Bearer " + sandbox.azure().pushToken("pullplandemo", repository));

      assertThat(found.statusCode()).as(image).isEqualTo(200);
      assertThat(found.headers().firstValue("Docker-Content-Digest").orElseThrow())
          .isEqualTo(ProbeImage.of(repository, tag).digest());
    }
  }

  @Test
  void theTokenServerAnswersAWrongPasswordWith401InTheDistributionEnvelope() throws Exception {
    String address = sandbox.registry().orElseThrow().address();
    HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(sandbox.azure().registryTokenRealm()
        + "?service=" + address + "&scope=repository:edge/sim:pull"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("nobody:wrong".getBytes(StandardCharsets.UTF_8)))
        .GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("\"errors\"").contains("\"code\":\"UNAUTHORIZED\"");
  }
}
