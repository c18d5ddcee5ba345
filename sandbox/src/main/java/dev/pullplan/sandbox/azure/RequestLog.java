package dev.pullplan.sandbox.azure;

import java.util.ArrayList;
import java.util.List;

/** The requests the sandbox answered, in the order it answered them. */
final class RequestLog {

  private final List<RecordedRequest> entries = new ArrayList<>();

  synchronized void add(RecordedRequest request) {
    entries.add(request);
  }

  synchronized List<RecordedRequest> snapshot() {
    return List.copyOf(entries);
  }

  synchronized void clear() {
    entries.clear();
  }
}
