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
  /** The connection is closed after the request was read and before any answer: the request is not served. */
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

  static Optional<FaultKind> parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(k -> k.spelling.equals(t)).findFirst();
  }
}
