package dev.pullplan.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.sandbox.faults.FaultInjector;
import dev.pullplan.sandbox.faults.FaultKind;
import dev.pullplan.sandbox.faults.FaultSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API server's answers to random faults, as a plain HTTP client sees them. */
class KubeFaultInjectionTest {
  private KubeSandbox kube;
  private final FaultInjector injector = new FaultInjector();
  // HTTP/1.1, as fabric8's JDK client speaks to an API server over plain HTTP
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() {
    kube = KubeSandbox.start(List.of("c1"));
    kube.useFaults(injector);
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(kube.serverUrl("c1") + path)).timeout(Duration.ofSeconds(10))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void throttledAnswersAreStatusesWithOrWithoutRetryAfter() throws Exception {
    injector.inject(FaultSpec.everywhere(1.0).withKinds(FaultKind.THROTTLE));
    HttpResponse<String> throttled = get("/api/v1/namespaces");
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).contains("1");
    assertThat(throttled.body()).contains("\"kind\":\"Status\"").contains("TooManyRequests");

    injector.inject(FaultSpec.everywhere(1.0).withKinds(FaultKind.THROTTLE_BARE));
    HttpResponse<String> bare = get("/api/v1/namespaces");
    assertThat(bare.statusCode()).isEqualTo(429);
    assertThat(bare.headers().firstValue("Retry-After")).isEmpty();
  }

  @Test
  void resetsAreNotInjectedHereForTheMockServerCannotDropAConnection() throws Exception {
    injector.inject(FaultSpec.everywhere(1.0).withKinds(FaultKind.RESET));

    assertThat(get("/api/v1/namespaces").statusCode()).isEqualTo(200);
    assertThat(injector.counts().totalInjected()).isZero();
  }

  @Test
  void aSlowAnswerIsServedLate() throws Exception {
    injector.inject(FaultSpec.everywhere(1.0).withKinds(FaultKind.SLOW).withDelay(Duration.ofMillis(600)));
    long started = System.nanoTime();

    HttpResponse<String> slow = get("/api/v1/namespaces");

    assertThat(slow.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
  }

  @Test
  void aLostAnswerStoresTheWriteAndAnswers500OnlyAsOftenAsAsked() throws Exception {
    kube.loseAnswers("c1", "POST", "/api/v1/namespaces", 1);
    String body = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"lost\"}}";

    HttpResponse<String> first = post("/api/v1/namespaces", body);
    HttpResponse<String> retried = post("/api/v1/namespaces", body);

    assertThat(first.statusCode()).isEqualTo(500);
    assertThat(kube.client("c1").namespaces().withName("lost").get()).isNotNull();
    assertThat(retried.statusCode()).isEqualTo(409);
  }

  @Test
  void aRefusedRequestKeepsItsAnswerAndTheNextStoredWriteLosesIt() throws Exception {
    kube.loseAnswers("c1", "POST", "/api/v1/namespaces", 2);
    String lost = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"lost\"}}";
    String next = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"next\"}}";

    HttpResponse<String> first = post("/api/v1/namespaces", lost);
    HttpResponse<String> retried = post("/api/v1/namespaces", lost);
    HttpResponse<String> another = post("/api/v1/namespaces", next);

    assertThat(first.statusCode()).isEqualTo(500);
    assertThat(retried.statusCode()).isEqualTo(409);
    assertThat(another.statusCode()).isEqualTo(500);
    assertThat(kube.client("c1").namespaces().withName("next").get()).isNotNull();
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(kube.serverUrl("c1") + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theSandboxsOwnClientIsNeverFaulted() {
    injector.inject(FaultSpec.everywhere(1.0).withKinds(FaultKind.UNAVAILABLE));

    assertThat(kube.client("c1").namespaces().list().getItems()).isNotEmpty();
    assertThat(injector.counts().totalRequests()).isZero();
  }
}
