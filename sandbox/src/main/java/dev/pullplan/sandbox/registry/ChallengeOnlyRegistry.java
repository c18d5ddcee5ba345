package dev.pullplan.sandbox.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * What stands at the registry's address when docker-registry is not installed: {@code GET /v2/}
 * answers the token-auth challenge naming the sandbox's ACR token server, as the real registry
 * would, so a client can still prove a login there; every other request is 503 {@code
 * UNAVAILABLE}, saying that pull verification is unavailable. Plain HTTP on loopback.
 */
public final class ChallengeOnlyRegistry implements AutoCloseable {
  static final String UNAVAILABLE = "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"pull verification is"
      + " unavailable: " + LocalRegistry.BINARY + " is not installed in the sandbox; only logins can be checked\"}]}";

  private final HttpServer server;
  private final String address;

  private ChallengeOnlyRegistry(HttpServer server) {
    this.server = server;
    this.address = "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Listens on a free loopback port; {@code realm} is the token server's URL. */
  public static ChallengeOnlyRegistry start(String realm) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ChallengeOnlyRegistry registry = new ChallengeOnlyRegistry(server);
      server.createContext("/", exchange -> registry.answer(exchange, realm));
      server.start();
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen for the sandbox registry's challenge", e);
    }
  }

  private void answer(HttpExchange exchange, String realm) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      exchange.getResponseHeaders().add("Docker-Distribution-Api-Version", "registry/2.0");
      if (path.equals("/v2/") || path.equals("/v2")) {
        exchange.getResponseHeaders().add("WWW-Authenticate",
            "Bearer realm=\"" + realm + "\",service=\"" + address + "\"");
        send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
      } else {
        send(exchange, 503, UNAVAILABLE);
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      exchange.getResponseBody().write(bytes);
    }
  }

  /** {@code 127.0.0.1:port}: the registry's login server while no real registry runs. */
  public String address() {
    return address;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
