package dev.pullplan.sandbox.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an injected fault does to one request, with its name in a {@code --faults} spec. */
public enum FaultKind {
  /** 429 with {@code Retry-After: 1}, as ARM, Graph and a throttling API server send it. */
  THROTTLE("429"),
  /** 429 without {@code Retry-After}: the client must choose its own backoff. */
  THROTTLE_BARE("429-bare"),
  /** 500 Internal Server Error. */
  SERVER_ERROR("500"),
  /** 503 Service Unavailable (with {@code Retry-After: 1}). */
  UNAVAILABLE("503"),
  /**
   * The connection is closed after the request was read and before any answer: the request is not
   * served. Not on the Kubernetes API servers (see {@link #appliesTo}).
   */
  RESET("reset"),
  /** The request is served, after a delay (the spec's {@code delay}). */
  SLOW("slow");

  private final String spelling;

  FaultKind(String spelling) {
    this.spelling = spelling;
  }

  public String spelling() {
    return spelling;
  }

  /**
   * Whether the sandbox can inject this kind into that API. The Kubernetes API servers are
   * fabric8's mock server, which cannot drop a connection (a truncated answer only leaves the
   * client waiting for the rest), so they get no resets.
   */
  public boolean appliesTo(FaultTarget target) {
    return !(this == RESET && target == FaultTarget.KUBERNETES);
  }

  static Optional<FaultKind> parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(k -> k.spelling.equals(t)).findFirst();
  }
}
