package dev.pullplan.provider.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import dev.pullplan.spi.HttpLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The session's HTTP client, logging each exchange to the run's {@link HttpLog}. It wraps the
 * client rather than joining the managers' pipelines as a policy, so the credential's own
 * requests (Entra's token endpoint, through MSAL's adapter) are logged as well. With tracing on,
 * a response body is buffered to be shown; otherwise nothing is read that the SDK would not read.
 */
final class LoggedHttpClient implements HttpClient {
  private final HttpClient delegate;
  private final HttpLog log;

  LoggedHttpClient(HttpClient delegate, HttpLog log) {
    this.delegate = delegate;
    this.log = log;
  }

  /** {@code http} itself when nothing is logged: no wrapper in the way of an ordinary run. */
  static HttpClient around(HttpClient http, HttpLog log) {
    return log.enabled() ? new LoggedHttpClient(http, log) : http;
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request) {
    return send(request, Context.NONE);
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request, Context context) {
    HttpLog.Exchange exchange = sent(request);
    return delegate.send(request, context)
        .map(response -> received(exchange, response))
        .doOnError(exchange::failed);
  }

  @Override
  public HttpResponse sendSync(HttpRequest request, Context context) {
    HttpLog.Exchange exchange = sent(request);
    try {
      return received(exchange, delegate.sendSync(request, context));
    } catch (RuntimeException e) {
      exchange.failed(e);
      throw e;
    }
  }

  private HttpLog.Exchange sent(HttpRequest request) {
    return log.send("azure", request.getHttpMethod().name(), request.getUrl().toString(), headers(request.getHeaders()),
        log.tracing() ? body(request.getBodyAsBinaryData()) : Optional.empty());
  }

  private HttpResponse received(HttpLog.Exchange exchange, HttpResponse response) {
    if (!log.tracing()) {
      exchange.received(response.getStatusCode(), Map.of(), Optional.empty());
      return response;
    }
    HttpResponse buffered = response.buffer();
    exchange.received(buffered.getStatusCode(), headers(buffered.getHeaders()), body(buffered.getBodyAsBinaryData()));
    return buffered;
  }

  /** A body that can be read twice; a one-shot stream is left to the SDK. */
  private static Optional<String> body(BinaryData body) {
    if (body == null) {
      return Optional.empty();
    }
    return body.isReplayable() ? Optional.of(body.toString()) : Optional.empty();
  }

  private static Map<String, List<String>> headers(HttpHeaders headers) {
    Map<String, List<String>> all = new LinkedHashMap<>();
    headers.forEach(h -> all.put(h.getName(), h.getValuesList()));
    return all;
  }
}
