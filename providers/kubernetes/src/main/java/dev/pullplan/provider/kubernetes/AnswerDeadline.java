package dev.pullplan.provider.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Ends an answer whose body stops coming. fabric8's request timeout (and the JDK client's) ends
 * when the status line and headers arrive; a body that then never completes leaves the caller in
 * fabric8's wait for it, which has no limit, holding whatever it holds — a cluster's whole refresh,
 * and a plan with it. Seen with the JDK client over HTTP/2: a stream whose headers came and whose
 * data never did. Once {@code limit} passes with no byte of the body, the body fails with
 * {@link Stalled} and is cancelled (which resets the stream or closes the connection), so the call
 * ends with an error {@link ApiErrors} names. Pullplan makes no watches, whose bodies may rightly
 * be silent for long. Before the headers, the client's request timeout is the deadline:
 * {@link #boundHeaders} keeps it within the same limit.
 */
public final class AnswerDeadline implements Interceptor {
  static final String NAME = "pullplan-answer-deadline";
  /** Longer than any API server takes between two parts of one answer, even for a LIST of thousands of objects. */
  public static final Duration LIMIT = Duration.ofSeconds(60);

  private static final ScheduledThreadPoolExecutor TIMERS = timers();

  private final Duration limit;

  AnswerDeadline(Duration limit) {
    this.limit = limit;
  }

  /** Adds the deadline to a client being built: every client of a cluster, and the kubernetes state backend's. */
  public static Consumer<HttpClient.Builder> installing(Duration limit) {
    return builder -> builder.addOrReplaceInterceptor(NAME, new AnswerDeadline(limit));
  }

  /**
   * Keeps the client's wait for an answer's status line and headers (its request timeout, 10 s
   * unless the environment sets another) within {@code limit}: a request timeout of 0, which means
   * none, would otherwise leave a call to an API server that never answers waiting forever.
   */
  public static void boundHeaders(Config config, Duration limit) {
    Integer millis = config.getRequestTimeout();
    if (millis == null || millis <= 0 || millis > limit.toMillis()) {
      config.setRequestTimeout(Math.toIntExact(limit.toMillis()));
    }
  }

  /** How long a client waits for the status line and headers of an answer. */
  public static Duration headersWait(Config config) {
    Integer millis = config.getRequestTimeout();
    return Duration.ofMillis(millis == null ? Config.DEFAULT_REQUEST_TIMEOUT : millis);
  }

  /** The stall behind a failed call, if that is why it failed. */
  static Optional<Stalled> cause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof Stalled s) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  @Override
  public AsyncBody.Consumer<List<ByteBuffer>> consumer(AsyncBody.Consumer<List<ByteBuffer>> consumer, HttpRequest request) {
    return new Progress(consumer);
  }

  @Override
  public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    Progress progress = consumer == null ? null : consumer.unwrap(Progress.class);
    if (progress != null && response.body() instanceof AsyncBody body) {
      progress.watch(body, limit);
    }
  }

  /** The body of an answer stopped coming for {@code limit}. */
  static final class Stalled extends RuntimeException {
    private final Duration limit;

    Stalled(Duration limit) {
      super("the answer stopped coming: no part of it for " + limit.toSeconds() + "s");
      this.limit = limit;
    }

    Duration limit() {
      return limit;
    }
  }

  /** Passes the body on and notes when its last part came. */
  private static final class Progress implements AsyncBody.Consumer<List<ByteBuffer>> {
    private final AsyncBody.Consumer<List<ByteBuffer>> downstream;
    private volatile long lastPartNanos = System.nanoTime();
    private volatile ScheduledFuture<?> check;

    Progress(AsyncBody.Consumer<List<ByteBuffer>> downstream) {
      this.downstream = downstream;
    }

    @Override
    public void consume(List<ByteBuffer> value, AsyncBody body) throws Exception {
      lastPartNanos = System.nanoTime();
      downstream.consume(value, body);
    }

    void watch(AsyncBody body, Duration limit) {
      lastPartNanos = System.nanoTime();
      checkIn(body, limit, limit.toNanos());
      body.done().whenComplete((ok, failure) -> check.cancel(false));
    }

    private void checkIn(AsyncBody body, Duration limit, long nanos) {
      check = TIMERS.schedule(() -> check(body, limit), nanos, TimeUnit.NANOSECONDS);
    }

    /** One timer per answer, moved on by the parts that came meanwhile, not one per part. */
    private void check(AsyncBody body, Duration limit) {
      if (body.done().isDone()) {
        return;
      }
      long silent = System.nanoTime() - lastPartNanos;
      if (silent < limit.toNanos()) {
        checkIn(body, limit, limit.toNanos() - silent);
        return;
      }
      body.done().completeExceptionally(new Stalled(limit));
      body.cancel();
    }

    @Override
    public <U> U unwrap(Class<U> target) {
      return target == Progress.class ? target.cast(this) : downstream.unwrap(target);
    }
  }

  private static ScheduledThreadPoolExecutor timers() {
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, NAME);
      t.setDaemon(true);
      return t;
    });
    // an answer that completes cancels its check: drop it at once, not when it would have run
    timers.setRemoveOnCancelPolicy(true);
    return timers;
  }
}
