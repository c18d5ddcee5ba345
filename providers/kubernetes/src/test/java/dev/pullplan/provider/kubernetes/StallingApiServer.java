package dev.pullplan.provider.kubernetes;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An API server whose answers stall: status line, headers and the first bytes of a long body, then
 * nothing more until it is closed, as a stuck HTTP/2 stream or a broken proxy leaves a client. Or,
 * {@link #trickling}, one more byte every so often, forever: never silent, never done.
 */
final class StallingApiServer implements AutoCloseable {
  private static final String BEGINNING = "{\"kind\":\"NamespaceList\",\"apiVersion\":\"v1\",\"items\":[";

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch closed = new CountDownLatch(1);

  StallingApiServer() {
    this(null);
  }

  /** An answer that sends a space (JSON whitespace) every {@code every}, until the server is closed. */
  static StallingApiServer trickling(Duration every) {
    return new StallingApiServer(every);
  }

  private StallingApiServer(Duration trickle) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 1_000_000);
      OutputStream body = exchange.getResponseBody();
      body.write(BEGINNING.getBytes(StandardCharsets.UTF_8));
      body.flush();
      try {
        while (!closed.await(trickle == null ? Long.MAX_VALUE : trickle.toMillis(), TimeUnit.MILLISECONDS)) {
          body.write(' ');
          body.flush();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
  }

  String url() {
    return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
