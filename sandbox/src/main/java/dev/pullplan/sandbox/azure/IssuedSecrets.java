package dev.pullplan.sandbox.azure;

import java.util.ArrayList;
import java.util.List;

/**
 * For leak tests only: while a {@link Recording} is open, every password and token the sandbox
 * hands out (Entra tokens, service principal and ACR token passwords, ACR refresh and access
 * tokens) is also kept in it, so a test can search pullplan's output for each one. Nothing is
 * kept while no recording is open, so a long-running {@code pullplan sandbox up} holds no values.
 */
public final class IssuedSecrets {
  private static final List<Recording> OPEN = new ArrayList<>();

  private IssuedSecrets() {}

  /** Starts keeping issued values until the recording is closed. */
  public static Recording record() {
    Recording recording = new Recording();
    synchronized (OPEN) {
      OPEN.add(recording);
    }
    return recording;
  }

  static String issued(String value) {
    synchronized (OPEN) {
      OPEN.forEach(r -> r.values.add(value));
    }
    return value;
  }

  /** The values issued while it was open. */
  public static final class Recording implements AutoCloseable {
    private final List<String> values = new ArrayList<>();

    public List<String> values() {
      synchronized (OPEN) {
        return List.copyOf(values);
      }
    }

    @Override
    public void close() {
      synchronized (OPEN) {
        OPEN.remove(this);
      }
    }
  }
}
