package dev.pullplan.provider.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How often pullplan polls ARM's long-running operations: at the {@code Retry-After} ARM sends,
 * and every {@link #interval()} when it sends none.
 *
 * <p>The SDK's pollers already honour {@code Retry-After}; without it they wait the service client's
 * default poll interval, 30 s, which no manager lets a caller change (the only hook,
 * {@code ResourceManagerUtils.InternalRuntimeContext.setDelayProvider}, is JVM-wide and also
 * stretches or shrinks the SDK's retry backoffs). So this policy supplies the missing header on
 * the answers the pollers read — an operation's first answer (an {@code Azure-AsyncOperation} or
 * {@code Location} link) and the answers of those links — and leaves every other answer alone.
 */
final class LroPolling implements HttpPipelinePolicy {
  /** Short enough that an apply is not dominated by waiting; 1 s is the smallest the header can say. */
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

  private static final HttpHeaderName ASYNC_OPERATION = HttpHeaderName.fromString("Azure-AsyncOperation");

  private final Duration interval;
  // the links operations handed out; a poll's answer is recognised by its URL
  private final Set<String> pollLinks = ConcurrentHashMap.newKeySet();

  LroPolling(Duration interval) {
    if (interval.toSeconds() < 1) {
      throw new IllegalArgumentException("Retry-After counts whole seconds; the interval must be at least 1 s");
    }
    this.interval = interval;
  }

  Duration interval() {
    return interval;
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    return next.process().map(this::paced);
  }

  @Override
  public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    return paced(next.processSync());
  }

  private HttpResponse paced(HttpResponse response) {
    HttpHeaders headers = response.getHeaders();
    String async = headers.getValue(ASYNC_OPERATION);
    String location = headers.getValue(HttpHeaderName.LOCATION);
    int status = response.getStatusCode();
    boolean startsOrContinues = status >= 200 && status <= 202 && (async != null || location != null);
    if (startsOrContinues) {
      if (async != null) {
        pollLinks.add(async);
      }
      if (location != null) {
        pollLinks.add(location);
      }
    }
    boolean isPoll = pollLinks.contains(response.getRequest().getUrl().toString());
    if ((startsOrContinues || isPoll) && headers.getValue(HttpHeaderName.RETRY_AFTER) == null) {
      return new WithRetryAfter(response, Long.toString(interval.toSeconds()));
    }
    return response;
  }

  /** The answer as received, plus a {@code Retry-After}. */
  private static final class WithRetryAfter extends HttpResponse {
    private final HttpResponse answer;
    private final HttpHeaders headers;

    WithRetryAfter(HttpResponse answer, String seconds) {
      super(answer.getRequest());
      this.answer = answer;
      this.headers = new HttpHeaders().setAllHttpHeaders(answer.getHeaders()).set(HttpHeaderName.RETRY_AFTER, seconds);
    }

    @Override
    public int getStatusCode() {
      return answer.getStatusCode();
    }

    @Override
    public String getHeaderValue(String name) {
      return headers.getValue(HttpHeaderName.fromString(name));
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }

    @Override
    public Flux<ByteBuffer> getBody() {
      return answer.getBody();
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
      return answer.getBodyAsByteArray();
    }

    @Override
    public Mono<String> getBodyAsString() {
      return answer.getBodyAsString();
    }

    @Override
    public Mono<String> getBodyAsString(Charset charset) {
      return answer.getBodyAsString(charset);
    }

    @Override
    public com.azure.core.util.BinaryData getBodyAsBinaryData() {
      return answer.getBodyAsBinaryData();
    }

    @Override
    public void close() {
      answer.close();
    }
  }
}
