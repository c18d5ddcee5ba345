package dev.pullplan.sandbox.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.pullplan.sandbox.faults.Fault;
import dev.pullplan.sandbox.faults.FaultInjector;
import dev.pullplan.sandbox.faults.FaultTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * One HTTPS host on loopback: reads each request, lets the handler answer, renders errors the way
 * that host does, adds the request-id headers, and records the call (never its body).
 */
final class ApiServer implements AutoCloseable {

  private final Api api;
  private final HttpServer server;
  private final ExecutorService executor;
  private final String baseUrl;
  /** Added to every answer, as a network's round trip would: the benchmark's 25 ms. */
  private volatile java.time.Duration latency = java.time.Duration.ZERO;

  private ApiServer(Api api, HttpServer server, ExecutorService executor) {
    this.api = api;
    this.server = server;
    this.executor = executor;
    this.baseUrl = (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
  }

  static ApiServer bind(Api api, int port, SSLContext ssl) {
    try {
      HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(ssl));
      return withExecutor(api, server);
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen for the sandbox's " + api + " on port " + port + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Plain HTTP on loopback: the registry token server, beside a registry that is itself plain HTTP
   * on loopback (which container runtimes treat as an insecure registry).
   */
  static ApiServer bindPlain(Api api, int port) {
    try {
      return withExecutor(api, HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0));
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen for the sandbox's " + api + " on port " + port + ": "
          + e.getMessage(), e);
    }
  }

  private static ApiServer withExecutor(Api api, HttpServer server) {
    ExecutorService executor = Executors.newFixedThreadPool(32, runnable -> {
      Thread thread = new Thread(runnable, "azure-sandbox-" + api.name().toLowerCase(java.util.Locale.ROOT));
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    return new ApiServer(api, server, executor);
  }

  /** {@code https://127.0.0.1:port} (or {@code http://} for a plain server) without a trailing slash. */
  String baseUrl() {
    return baseUrl;
  }

  void latency(java.time.Duration value) {
    latency = value;
  }

  void serve(Function<HttpCall, Reply> handler, RequestLog log, Clock clock, FaultInjector faults) {
    server.createContext("/", exchange -> {
      try (exchange) {
        answer(exchange, handler, log, clock, faults);
      }
    });
    server.start();
  }

  private void answer(HttpExchange exchange, Function<HttpCall, Reply> handler, RequestLog log, Clock clock,
      FaultInjector faults) throws IOException {
    HttpCall call = HttpCall.read(exchange, baseUrl);
    Optional<Fault> fault = faults.decide(target(), call.method(), call.path());
    if (fault.isPresent() && fault.get() instanceof Fault.Reset) {
      // closing the exchange before any answer closes the connection: the client sees it drop
      return;
    }
    if (fault.isPresent() && fault.get() instanceof Fault.Slow slow) {
      pause(slow.delay());
    }
    Reply reply;
    try {
      if (fault.isPresent() && fault.get() instanceof Fault.Status status) {
        throw injected(status, call);
      }
      reply = handler.apply(call);
    } catch (ConnectionReset e) {
      // no status line: closing the exchange before sending headers closes the connection
      log.add(new RecordedRequest(api, call.method(), call.path(), call.query("api-version"),
          RecordedRequest.CONNECTION_RESET, clock.instant()));
      return;
    } catch (ApiException e) {
      reply = errorReply(e, call, clock.instant());
    } catch (RuntimeException e) {
      // the exception text could quote a request body; the type is enough to find the bug
      reply = errorReply(new ApiException(500, "InternalServerError",
          "The sandbox failed on this request: " + e.getClass().getName() + "."), call, clock.instant());
    }
    String requestId = UUID.randomUUID().toString();
    if (api == Api.GRAPH) {
      exchange.getResponseHeaders().set("request-id", requestId);
      exchange.getResponseHeaders().set("client-request-id",
          call.header("client-request-id").orElse(requestId));
    } else {
      exchange.getResponseHeaders().set("x-ms-request-id", requestId);
      exchange.getResponseHeaders().set("x-ms-correlation-request-id",
          call.header("x-ms-client-request-id").orElse(requestId));
    }
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    byte[] body = reply.body().map(Json::bytes).orElse(new byte[0]);
    if (body.length > 0) {
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    }
    log.add(new RecordedRequest(api, call.method(), call.path(), call.query("api-version"), reply.status(),
        clock.instant()));
    delay();
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private FaultTarget target() {
    return switch (api) {
      case ARM -> FaultTarget.ARM;
      case GRAPH -> FaultTarget.GRAPH;
      case LOGIN -> FaultTarget.TOKEN;
      case REGISTRY, AKS_SERVER -> FaultTarget.REGISTRY;
    };
  }

  /** The error each host sends for that status, with {@code Retry-After} when the fault carries one. */
  private ApiException injected(Fault.Status status, HttpCall call) {
    Map<String, String> headers = status.retryAfterSeconds().map(s -> Map.of("Retry-After", String.valueOf(s)))
        .orElse(Map.of());
    String code = switch (status.code()) {
      case 429 -> api == Api.LOGIN ? "temporarily_unavailable" : "TooManyRequests";
      case 503 -> api == Api.LOGIN ? "temporarily_unavailable" : "ServiceUnavailable";
      default -> api == Api.LOGIN ? "server_error" : "InternalServerError";
    };
    return new ApiException(status.code(), code, "Injected fault (" + status.kind().spelling() + ") for "
        + call.method() + " " + call.path() + ".", headers);
  }

  private static void pause(java.time.Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void delay() {
    java.time.Duration d = latency;
    if (!d.isZero()) {
      try {
        Thread.sleep(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Reply errorReply(ApiException e, HttpCall call, Instant now) {
    ObjectNode body = Json.object();
    if (api == Api.REGISTRY) {
      // the distribution error envelope, which ACR's token server uses too
      body.putArray("errors").addObject().put("code", e.code()).put("message", e.getMessage()).putNull("detail");
    } else if (api == Api.LOGIN) {
      body.put("error", e.code());
      body.put("error_description", e.getMessage());
      body.putArray("error_codes");
      body.put("timestamp", now.toString());
      body.put("trace_id", UUID.randomUUID().toString());
      body.put("correlation_id", call.header("client-request-id").orElse(UUID.randomUUID().toString()));
    } else {
      ObjectNode error = body.putObject("error");
      error.put("code", e.code());
      error.put("message", e.getMessage());
      if (api == Api.GRAPH) {
        ObjectNode inner = error.putObject("innerError");
        inner.put("date", now.toString());
        inner.put("request-id", UUID.randomUUID().toString());
      }
    }
    return new Reply(e.status(), Optional.of(body), e.headers());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
