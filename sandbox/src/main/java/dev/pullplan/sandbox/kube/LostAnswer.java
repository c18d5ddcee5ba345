package dev.pullplan.sandbox.kube;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Matching requests are served (a write is stored) and then answered 500, {@code times} times: an
 * API server or proxy that failed after the write was committed, or an answer the network lost.
 * A client that retries the request meets the effect of its own first attempt. Only answers of
 * requests that succeeded are lost: a refusal (the retry's 409) stored nothing, so it comes through,
 * and {@code times} counts stored writes, however a client retries between them.
 */
final class LostAnswer {
  private final KubeFault fault;
  private final AtomicInteger left;

  LostAnswer(String method, String pathPrefix, int times) {
    this.fault = new KubeFault(method, pathPrefix, 500, "InternalError");
    this.left = new AtomicInteger(times);
  }

  /** Whether the answer to this served request, which answered {@code status}, is lost; counts it if so. */
  boolean takes(String method, String path, int status) {
    return status < 300 && fault.matches(method, path) && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  KubeFault fault() {
    return fault;
  }
}
