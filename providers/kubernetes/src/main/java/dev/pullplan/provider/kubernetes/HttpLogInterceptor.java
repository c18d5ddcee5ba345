package dev.pullplan.provider.kubernetes;

import dev.pullplan.spi.HttpLog;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Logs each request fabric8 sends to a cluster's API server to the run's {@link HttpLog}. It is
 * the last interceptor, so it sees the request as sent (with the bearer token the earlier ones
 * added, which the log redacts). fabric8 hands the final request to {@link #consumer} just before
 * sending and the same object to {@link #after} with the response: the exchange is kept by
 * identity between the two.
 */
final class HttpLogInterceptor implements Interceptor {
  static final String NAME = "pullplan-http-log";
  private final HttpLog log;
  private final String client;
  private final Map<HttpRequest, HttpLog.Exchange> inFlight = Collections.synchronizedMap(new IdentityHashMap<>());

  HttpLogInterceptor(HttpLog log, String client) {
    this.log = log;
    this.client = client;
  }

  /** Adds the interceptor to a client being built, when anything is logged. */
  static Consumer<HttpClient.Builder> installing(HttpLog log, String client) {
    return builder -> {
      if (log.enabled()) {
        builder.addOrReplaceInterceptor(NAME, new HttpLogInterceptor(log, client));
      }
    };
  }

  @Override
  public AsyncBody.Consumer<List<ByteBuffer>> consumer(AsyncBody.Consumer<List<ByteBuffer>> consumer, HttpRequest request) {
    HttpLog.Exchange exchange = log.send(client, request.method(), request.uri().toString(), request.headers(),
        log.tracing() ? Optional.ofNullable(request.bodyString()) : Optional.empty());
    inFlight.put(request, exchange);
    return log.tracing() ? new BodyCopy(consumer, exchange) : consumer;
  }

  @Override
  public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    HttpLog.Exchange exchange = inFlight.remove(request);
    if (exchange != null) {
      exchange.received(response.code(), log.tracing() ? response.headers() : Map.of(), Optional.empty());
    }
  }

  @Override
  public void afterConnectionFailure(HttpRequest request, Throwable failure) {
    HttpLog.Exchange exchange = inFlight.remove(request);
    if (exchange != null) {
      exchange.failed(failure);
    }
  }

  /** Passes the body on untouched and logs a copy once it is complete. */
  private static final class BodyCopy implements AsyncBody.Consumer<List<ByteBuffer>> {
    private final AsyncBody.Consumer<List<ByteBuffer>> downstream;
    private final HttpLog.Exchange exchange;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private final AtomicBoolean watching = new AtomicBoolean();

    BodyCopy(AsyncBody.Consumer<List<ByteBuffer>> downstream, HttpLog.Exchange exchange) {
      this.downstream = downstream;
      this.exchange = exchange;
    }

    @Override
    public void consume(List<ByteBuffer> value, AsyncBody body) throws Exception {
      if (watching.compareAndSet(false, true)) {
        body.done().whenComplete((ok, failure) -> {
          synchronized (copy) {
            exchange.receivedBody(copy.toString(StandardCharsets.UTF_8));
          }
        });
      }
      synchronized (copy) {
        for (ByteBuffer buffer : value) {
          ByteBuffer view = buffer.duplicate();
          byte[] bytes = new byte[view.remaining()];
          view.get(bytes);
          copy.write(bytes);
        }
      }
      downstream.consume(value, body);
    }

    @Override
    public <U> U unwrap(Class<U> target) {
      return downstream.unwrap(target);
    }
  }
}
