package dev.pullplan.provider.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullplan.provider.registry.RegistryCredential.Basic;
import dev.pullplan.provider.registry.RegistryCredential.EntraToken;
import dev.pullplan.provider.registry.RegistryFailure.CredentialsRejected;
import dev.pullplan.provider.registry.RegistryFailure.ManifestUnknown;
import dev.pullplan.provider.registry.RegistryFailure.NotAllowed;
import dev.pullplan.provider.registry.RegistryFailure.TlsFailure;
import dev.pullplan.provider.registry.RegistryFailure.Unavailable;
import dev.pullplan.provider.registry.RegistryFailure.Unexpected;
import dev.pullplan.provider.registry.RegistryFailure.Unreachable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/**
 * The OCI distribution protocol, as far as a kubelet needs it to pull: the {@code GET /v2/}
 * challenge, Basic or Bearer (token server) authentication, ACR's exchange of an Entra token, and
 * {@code HEAD} of a manifest. Every refusal is a {@link RegistryException} with a classified
 * {@link RegistryFailure}. Thread-safe; holds no credential between calls.
 */
public final class RegistryClient {

  /** What a container runtime accepts; without it distribution 2.8 answers 404 for an OCI manifest. */
  static final String MANIFEST_TYPES = String.join(", ",
      "application/vnd.oci.image.index.v1+json",
      "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.docker.distribution.manifest.v2+json",
      "application/vnd.docker.distribution.manifest.list.v2+json");
  /** The user ACR expects with a refresh token as password. */
  static final String ACR_REFRESH_TOKEN_USER = "00000000-0000-0000-0000-000000000000";
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final dev.pullplan.spi.HttpLog log;

  public RegistryClient(HttpClient http) {
    this(http, dev.pullplan.spi.HttpLog.OFF);
  }

  public RegistryClient(HttpClient http, dev.pullplan.spi.HttpLog log) {
    this.http = http;
    this.log = log;
  }

  /** A client with the JDK's default trust store and a short connect timeout. */
  public static RegistryClient withDefaults() {
    return withDefaults(dev.pullplan.spi.HttpLog.OFF);
  }

  /** As {@link #withDefaults()}, logging each exchange to {@code log}. */
  public static RegistryClient withDefaults(dev.pullplan.spi.HttpLog log) {
    return new RegistryClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NORMAL).build(), log);
  }

  /**
   * Proves the credential logs in: the token server grants a token (Bearer registries), or
   * {@code GET /v2/} answers 200 with it (Basic registries).
   */
  public void authenticate(String server, RegistryCredential credential) {
    Login login = new Login(server, credential);
    login.authorization(Optional.empty());
  }

  /**
   * Proves the credential may pull {@code image}: authenticates for {@code repository:<repo>:pull}
   * and sends {@code HEAD} for the manifest.
   */
  public ManifestHead head(String server, RegistryCredential credential, ImageName image) {
    Login login = new Login(server, credential);
    Optional<String> authorization = login.authorization(Optional.of(image.repository()));
    URI uri = login.base.resolve("/v2/" + image.repository() + "/manifests/" + image.reference());
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", MANIFEST_TYPES);
    authorization.ifPresent(a -> request.header("Authorization", a));
    HttpResponse<String> response = send(server, request.build());
    int status = response.statusCode();
    if (status == 200) {
      return new ManifestHead(server, image, response.headers().firstValue("Docker-Content-Digest").orElse(""),
          response.headers().firstValue("Content-Type").orElse(""));
    }
    if (status == 401 || status == 403) {
      Optional<Challenge> challenge = response.headers().firstValue("WWW-Authenticate").flatMap(Challenge::parse);
      String error = challenge.flatMap(c -> c.parameter("error")).orElse("");
      if (status == 403 || error.equals("insufficient_scope")) {
        // the login worked (a token was granted); what is refused is this repository
        throw new RegistryException(new NotAllowed(server, credential.who(), image.repository(),
            status == 403 ? "403 denied" : "401 " + (error.isEmpty() ? "unauthorized" : error)));
      }
      throw new RegistryException(new CredentialsRejected(server, credential.who(), "401 " + error));
    }
    if (status == 404) {
      throw new RegistryException(new ManifestUnknown(server, image.repository(),
          (image.byDigest() ? "@" : ":") + image.reference(), errorCode(login, uri, authorization).orElse("404")));
    }
    throw new RegistryException(failureOf(server, response));
  }

  /**
   * The tags of {@code repository} ({@code GET /v2/<repo>/tags/list}, pull scope), for saying which
   * tags exist when a manifest does not; empty when the repository does not exist.
   */
  public java.util.List<String> tags(String server, RegistryCredential credential, String repository) {
    Login login = new Login(server, credential);
    Optional<String> authorization = login.authorization(Optional.of(repository));
    HttpRequest.Builder request = HttpRequest.newBuilder(login.base.resolve("/v2/" + repository + "/tags/list"))
        .timeout(TIMEOUT).GET();
    authorization.ifPresent(a -> request.header("Authorization", a));
    HttpResponse<String> response = send(server, request.build());
    if (response.statusCode() == 404) {
      return java.util.List.of();
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw new RegistryException(new NotAllowed(server, credential.who(), repository,
          response.statusCode() + " listing tags"));
    }
    if (response.statusCode() != 200) {
      throw new RegistryException(failureOf(server, response));
    }
    try {
      java.util.List<String> tags = new java.util.ArrayList<>();
      JSON.readTree(response.body()).path("tags").forEach(t -> tags.add(t.asText()));
      return tags;
    } catch (IOException e) {
      throw new RegistryException(new Unexpected(server, "a tag list that is not JSON"));
    }
  }

  /** A HEAD has no body: a GET tells MANIFEST_UNKNOWN from NAME_UNKNOWN. */
  private Optional<String> errorCode(Login login, URI uri, Optional<String> authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().header("Accept", MANIFEST_TYPES);
    authorization.ifPresent(a -> request.header("Authorization", a));
    try {
      HttpResponse<String> response = send(login.server, request.build());
      return registryError(response.body());
    } catch (RegistryException e) {
      return Optional.empty();
    }
  }

  /** One login to one registry: the challenge, then the token exchange that scheme asks for. */
  private final class Login {
    private final String server;
    private final RegistryCredential credential;
    private final URI base;

    Login(String server, RegistryCredential credential) {
      this.server = server;
      this.credential = credential;
      this.base = baseUri(server);
    }

    /** The {@code Authorization} header value for {@code repository}, or none when the registry wants none. */
    Optional<String> authorization(Optional<String> repository) {
      HttpResponse<String> ping = send(server, HttpRequest.newBuilder(base.resolve("/v2/")).timeout(TIMEOUT).GET().build());
      if (ping.statusCode() == 200) {
        return Optional.empty();
      }
      if (ping.statusCode() != 401) {
        throw new RegistryException(failureOf(server, ping));
      }
      Challenge challenge = ping.headers().firstValue("WWW-Authenticate").flatMap(Challenge::parse)
          .orElseThrow(() -> new RegistryException(new Unexpected(server, "401 without a WWW-Authenticate challenge")));
      if (challenge.isBasic()) {
        return Optional.of(basic(challenge));
      }
      if (!challenge.isBearer()) {
        throw new RegistryException(new Unexpected(server, "unknown authentication scheme " + challenge.scheme()));
      }
      String realm = challenge.parameter("realm")
          .orElseThrow(() -> new RegistryException(new Unexpected(server, "a Bearer challenge without a realm")));
      String service = challenge.parameter("service").orElse(server);
      Optional<String> scope = repository.map(r -> "repository:" + r + ":pull");
      return Optional.of("Bearer " + token(URI.create(realm), service, scope));
    }

    private String basic(Challenge challenge) {
      if (!(credential instanceof Basic b)) {
        throw new RegistryException(new CredentialsRejected(server, credential.who(),
            "the registry asks for a username and password (Basic), not this kind of credential"));
      }
      String header = basicHeader(b.username(), b.password());
      HttpResponse<String> check = send(server,
          HttpRequest.newBuilder(base.resolve("/v2/")).timeout(TIMEOUT).header("Authorization", header).GET().build());
      if (check.statusCode() == 401) {
        throw new RegistryException(new CredentialsRejected(server, credential.who(),
            "401 " + registryError(check.body()).orElse("unauthorized")));
      }
      if (check.statusCode() != 200) {
        throw new RegistryException(failureOf(server, check));
      }
      return header;
    }

    private String token(URI realm, String service, Optional<String> scope) {
      if (credential instanceof Basic b) {
        return tokenByGet(realm, service, scope, Optional.of(basicHeader(b.username(), b.password())));
      }
      if (credential instanceof EntraToken e) {
        return tokenByRefresh(realm, service, scope, exchange(realm, service, e));
      }
      return tokenByGet(realm, service, scope, Optional.empty());
    }

    /** The token server of distribution, ACR, Docker Hub, GHCR: {@code GET realm?service=&scope=}. */
    private String tokenByGet(URI realm, String service, Optional<String> scope, Optional<String> basic) {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("service", service);
      scope.ifPresent(s -> query.put("scope", s));
      HttpRequest.Builder request = HttpRequest.newBuilder(withQuery(realm, query)).timeout(TIMEOUT).GET();
      basic.ifPresent(h -> request.header("Authorization", h));
      return tokenFrom(send(server, request.build()), scope);
    }

    /** ACR: {@code POST /oauth2/exchange} turns an Entra access token into a refresh token. */
    private String exchange(URI realm, String service, EntraToken entra) {
      URI exchange = realm.resolve("/oauth2/exchange");
      HttpResponse<String> response = send(server, post(exchange, Map.of("grant_type", "access_token",
          "service", service, "tenant", entra.tenantId(), "access_token", entra.accessToken())));
      if (response.statusCode() == 401 || response.statusCode() == 403) {
        throw new RegistryException(new CredentialsRejected(server, credential.who(),
            response.statusCode() + " at /oauth2/exchange " + registryError(response.body()).orElse("")));
      }
      if (response.statusCode() != 200) {
        throw new RegistryException(failureOf(server, response));
      }
      return field(response.body(), "refresh_token")
          .orElseThrow(() -> new RegistryException(new Unexpected(server, "/oauth2/exchange returned no refresh_token")));
    }

    /** ACR: {@code POST /oauth2/token} with {@code grant_type=refresh_token}. */
    private String tokenByRefresh(URI realm, String service, Optional<String> scope, String refreshToken) {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", "refresh_token");
      form.put("service", service);
      scope.ifPresent(s -> form.put("scope", s));
      form.put("refresh_token", refreshToken);
      return tokenFrom(send(server, post(realm, form)), scope);
    }

    private String tokenFrom(HttpResponse<String> response, Optional<String> scope) {
      int status = response.statusCode();
      if (status == 401) {
        throw new RegistryException(new CredentialsRejected(server, credential.who(),
            "401 from the token server" + registryError(response.body()).map(m -> ": " + m).orElse("")));
      }
      if (status == 403) {
        throw new RegistryException(new NotAllowed(server, credential.who(),
            scope.map(s -> s.split(":")[1]).orElse("the registry"), "403 from the token server"
                + registryError(response.body()).map(m -> ": " + m).orElse("")));
      }
      if (status != 200) {
        throw new RegistryException(failureOf(server, response));
      }
      return field(response.body(), "token").or(() -> field(response.body(), "access_token"))
          .orElseThrow(() -> new RegistryException(new Unexpected(server, "the token server returned no token")));
    }
  }

  /** {@code https://host}, except loopback, which container runtimes treat as an insecure (plain HTTP) registry. */
  static URI baseUri(String server) {
    String s = server.replaceAll("/+$", "");
    if (s.startsWith("http://") || s.startsWith("https://")) {
      return URI.create(s + "/");
    }
    String host = s.startsWith("[") ? s.substring(0, s.indexOf(']') + 1) : s.replaceFirst(":[0-9]+$", "");
    boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    return URI.create((loopback ? "http://" : "https://") + s + "/");
  }

  /** Sends, and again after a throttled, failed or broken answer, as {@link RegistryRetry} says; logs each attempt. */
  private HttpResponse<String> send(String server, HttpRequest request) {
    for (int attempt = 0; ; attempt++) {
      // the JDK's body publisher cannot be read back: a request body is not logged, only its headers
      dev.pullplan.spi.HttpLog.Exchange exchange = log.send("registry", request.method(), request.uri().toString(),
          request.headers().map(), Optional.empty());
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        exchange.received(response.statusCode(), response.headers().map(), Optional.ofNullable(response.body()));
        if (attempt >= RegistryRetry.RETRIES || !RegistryRetry.retryable(response.statusCode())) {
          return response;
        }
        RegistryRetry.pause(RegistryRetry.delay(attempt, response.headers().firstValue("Retry-After"),
            RegistryRetry.jitter()));
      } catch (InterruptedException e) {
        exchange.failed(e);
        Thread.currentThread().interrupt();
        throw new RegistryException(new Unreachable(server, "interrupted"));
      } catch (IOException e) {
        exchange.failed(e);
        if (attempt >= RegistryRetry.RETRIES || !RegistryRetry.retryable(e)) {
          throw new RegistryException(classify(server, e));
        }
        pause(server, RegistryRetry.delay(attempt, Optional.empty(), RegistryRetry.jitter()));
      }
    }
  }

  private static void pause(String server, Duration delay) {
    try {
      RegistryRetry.pause(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(new Unreachable(server, "interrupted"));
    }
  }

  /** The JDK wraps the real cause (DNS, refusal, TLS) in a ConnectException or an IOException. */
  static RegistryFailure classify(String server, IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return new Unreachable(server, "DNS name not found");
      }
      if (t instanceof SSLException) {
        return new TlsFailure(server, t.getClass().getSimpleName()
            + Optional.ofNullable(t.getMessage()).map(m -> ": " + m).orElse(""));
      }
      if (t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException) {
        return new Unreachable(server, "timed out");
      }
    }
    if (e instanceof ConnectException) {
      return new Unreachable(server, "connection refused");
    }
    return new Unreachable(server, e.getClass().getSimpleName());
  }

  private static RegistryFailure failureOf(String server, HttpResponse<String> response) {
    int status = response.statusCode();
    if (status == 429 || status >= 500) {
      Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(v -> {
        try {
          return Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      });
      return new Unavailable(server, status, retryAfter);
    }
    return new Unexpected(server, status + registryError(response.body()).map(m -> " " + m).orElse(""));
  }

  /** The first {@code errors[].code: message} of a distribution error body (never credentials). */
  static Optional<String> registryError(String body) {
    try {
      JsonNode errors = JSON.readTree(body).path("errors");
      if (errors.isArray() && !errors.isEmpty()) {
        JsonNode first = errors.get(0);
        String code = first.path("code").asText("");
        String message = first.path("message").asText("");
        return Optional.of((code + " " + message).trim());
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> field(String body, String name) {
    try {
      JsonNode value = JSON.readTree(body).path(name);
      return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String basicHeader(String username, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpRequest post(URI uri, Map<String, String> form) {
    return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build();
  }

  private static URI withQuery(URI uri, Map<String, String> query) {
    String q = encode(query);
    return URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + q);
  }

  private static String encode(Map<String, String> values) {
    return values.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
