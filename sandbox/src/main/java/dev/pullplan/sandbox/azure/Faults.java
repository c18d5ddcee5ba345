package dev.pullplan.sandbox.azure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The misbehaviours of real Azure that pullplan must survive, switched on by tests: Entra
 * replication delay, throttling, and one-shot failures.
 */
public final class Faults {

  private Duration replicationDelay = Duration.ZERO;
  private Optional<RateLimit> rateLimit = Optional.empty();
  private final Map<Api, Window> windows = new EnumMap<>(Api.class);
  private final List<Injected> injected = new ArrayList<>();
  private int resetsAfterApplicationCreate;

  /**
   * A service principal younger than {@code delay} is unknown to ARM: a role assignment naming it
   * without {@code principalType} fails with 400 {@code PrincipalNotFound}.
   */
  public synchronized Faults replicationDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("replication delay must not be negative");
    }
    replicationDelay = delay;
    return this;
  }

  public synchronized Duration replicationDelay() {
    return replicationDelay;
  }

  /**
   * More than {@code requests} ARM (or Graph) requests within one {@code window} are answered 429
   * with {@code Retry-After: 1}. Windows are measured in real time, whatever the world clock says,
   * because clients wait real seconds.
   */
  public synchronized Faults rateLimit(int requests, Duration window) {
    if (requests < 1 || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("a rate limit needs at least one request per positive window");
    }
    rateLimit = Optional.of(new RateLimit(requests, window));
    windows.clear();
    return this;
  }

  public synchronized Faults noRateLimit() {
    rateLimit = Optional.empty();
    windows.clear();
    return this;
  }

  /**
   * The next request whose method is {@code method} ({@code "*"} for any) and whose path contains a
   * match of {@code pathRegex} (case-insensitive) is answered {@code status} with an error envelope.
   */
  public Faults failNext(String method, String pathRegex, int status) {
    return failNext(method, pathRegex, status, defaultCode(status), 1);
  }

  /** As {@link #failNext(String, String, int)}, with the error code and for {@code times} requests. */
  public synchronized Faults failNext(String method, String pathRegex, int status, String code, int times) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(code, "code");
    if (status < 400 || times < 1) {
      throw new IllegalArgumentException("an injected failure needs a 4xx/5xx status and at least one time");
    }
    injected.add(new Injected(method, Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE), status, code,
        Optional.empty(), times));
    return this;
  }

  /**
   * The next {@code times} Microsoft Graph requests of {@code method} on a path matching
   * {@code pathRegex} are refused as Graph refuses an application without the permission: 403
   * {@code Authorization_RequestDenied}, "Insufficient privileges to complete the operation."
   */
  public synchronized Faults denyGraph(String method, String pathRegex, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("a refusal needs at least one time");
    }
    injected.add(new Injected(method, Pattern.compile("^/v1\\.0.*(?:" + pathRegex + ")", Pattern.CASE_INSENSITIVE),
        403, "Authorization_RequestDenied", Optional.of("Insufficient privileges to complete the operation."), times));
    return this;
  }

  /**
   * The next {@code times} Graph {@code POST /v1.0/applications} create the application and then
   * reset the connection instead of answering: the client cannot know the application exists, and
   * a client that simply sends the POST again makes a second one.
   */
  public synchronized Faults resetAfterCreatingApplication(int times) {
    if (times < 1) {
      throw new IllegalArgumentException("a reset needs at least one time");
    }
    resetsAfterApplicationCreate = times;
    return this;
  }

  synchronized boolean takeResetAfterCreatingApplication() {
    if (resetsAfterApplicationCreate == 0) {
      return false;
    }
    resetsAfterApplicationCreate--;
    return true;
  }

  /** Back to a well-behaved cloud. */
  public synchronized Faults reset() {
    replicationDelay = Duration.ZERO;
    rateLimit = Optional.empty();
    windows.clear();
    injected.clear();
    resetsAfterApplicationCreate = 0;
    return this;
  }

  synchronized Optional<ApiException> throttle(Api api, long nowNanos) {
    if (rateLimit.isEmpty()) {
      return Optional.empty();
    }
    RateLimit limit = rateLimit.get();
    Window window = windows.get(api);
    if (window == null || nowNanos - window.startNanos >= limit.window().toNanos()) {
      window = new Window(nowNanos);
      windows.put(api, window);
    }
    window.count++;
    if (window.count <= limit.requests()) {
      return Optional.empty();
    }
    return Optional.of(new ApiException(429, "TooManyRequests",
        "The request is being throttled: more than " + limit.requests() + " requests in " + limit.window()
            + ". Retry after 1 second.",
        Map.of("Retry-After", "1")));
  }

  synchronized Optional<ApiException> takeInjected(String method, String path) {
    for (Iterator<Injected> it = injected.iterator(); it.hasNext(); ) {
      Injected failure = it.next();
      boolean methodMatches = failure.method.equals("*") || failure.method.equalsIgnoreCase(method);
      if (methodMatches && failure.path.matcher(path).find()) {
        failure.remaining--;
        if (failure.remaining == 0) {
          it.remove();
        }
        Map<String, String> headers = failure.status == 429 ? Map.of("Retry-After", "1") : Map.of();
        return Optional.of(new ApiException(failure.status, failure.code,
            failure.message.orElse("Injected failure for " + method + " " + path + "."), headers));
      }
    }
    return Optional.empty();
  }

  private static String defaultCode(int status) {
    return switch (status) {
      case 400 -> "BadRequest";
      case 401 -> "AuthenticationFailed";
      case 403 -> "AuthorizationFailed";
      case 404 -> "ResourceNotFound";
      case 409 -> "Conflict";
      case 429 -> "TooManyRequests";
      case 500 -> "InternalServerError";
      case 503 -> "ServiceUnavailable";
      default -> "InjectedFailure";
    };
  }

  private record RateLimit(int requests, Duration window) {
  }

  private static final class Window {
    private final long startNanos;
    private int count;

    private Window(long startNanos) {
      this.startNanos = startNanos;
    }
  }

  private static final class Injected {
    private final String method;
    private final Pattern path;
    private final int status;
    private final String code;
    private final Optional<String> message;
    private int remaining;

    private Injected(String method, Pattern path, int status, String code, Optional<String> message, int remaining) {
      this.method = method;
      this.path = path;
      this.status = status;
      this.code = code;
      this.message = message;
      this.remaining = remaining;
    }
  }
}
