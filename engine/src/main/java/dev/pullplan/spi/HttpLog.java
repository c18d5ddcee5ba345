package dev.pullplan.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP log of {@code --debug} and {@code PULLPLAN_LOG=debug|trace} (as Terraform's
 * {@code TF_LOG}): one line per request sent and one per response, with status and time taken;
 * {@code trace} adds the headers and the bodies. Every client pullplan talks through (the Azure
 * SDK, fabric8, the registry client) writes here, and every line passes {@link HttpRedaction}
 * first, so a provider cannot forget to take a secret out. Whoever makes it with {@link #of} closes
 * it once the runs that log to it are over: a {@code PULLPLAN_LOG_PATH} file is then closed.
 */
public final class HttpLog implements java.io.Closeable {
  /** How much is written. */
  public enum Level { OFF, DEBUG, TRACE }

  public static final String LEVEL_VARIABLE = "PULLPLAN_LOG";
  public static final String PATH_VARIABLE = "PULLPLAN_LOG_PATH";
  public static final HttpLog OFF = new HttpLog(Level.OFF, new PrintStream(OutputStream.nullOutputStream()), false,
      Clock.systemUTC());

  private final Level level;
  private final PrintStream sink;
  /** Whether {@link #close} closes the sink: a file this log opened, never standard error. */
  private final boolean ownsSink;
  private final Clock clock;
  private final SlowestCalls slowest = new SlowestCalls(SLOWEST_SHOWN);

  /** How many of the slowest calls {@link #writeSlowest} names. */
  public static final int SLOWEST_SHOWN = 5;

  private HttpLog(Level level, PrintStream sink, boolean ownsSink, Clock clock) {
    this.level = level;
    this.sink = sink;
    this.ownsSink = ownsSink;
    this.clock = clock;
  }

  /**
   * The log the environment asks for: {@code PULLPLAN_LOG} (debug, trace; anything else but off and
   * empty means debug, as TF_LOG), at least debug with {@code --debug}; written to
   * {@code PULLPLAN_LOG_PATH} (appended) when set, else to {@code stderr}.
   */
  public static HttpLog of(Map<String, String> environment, boolean debugFlag, PrintStream stderr) {
    Level level = levelOf(environment);
    if (debugFlag && level == Level.OFF) {
      level = Level.DEBUG;
    }
    if (level == Level.OFF) {
      return OFF;
    }
    Optional<String> path = Optional.ofNullable(environment.get(PATH_VARIABLE)).filter(p -> !p.isBlank());
    if (path.isEmpty()) {
      return new HttpLog(level, stderr, false, Clock.systemUTC());
    }
    try {
      OutputStream file = Files.newOutputStream(Path.of(path.get()), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return new HttpLog(level, new PrintStream(file, true, StandardCharsets.UTF_8), true, Clock.systemUTC());
    } catch (IOException e) {
      stderr.println("Warning: cannot open " + PATH_VARIABLE + "=" + path.get() + " (" + e.getMessage()
          + "); the HTTP log goes to standard error");
      return new HttpLog(level, stderr, false, Clock.systemUTC());
    }
  }

  /** The level {@code PULLPLAN_LOG} names. */
  public static Level levelOf(Map<String, String> environment) {
    String value = environment.getOrDefault(LEVEL_VARIABLE, "").strip().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "", "off", "0", "false" -> Level.OFF;
      case "trace" -> Level.TRACE;
      default -> Level.DEBUG;
    };
  }

  public boolean enabled() {
    return level != Level.OFF;
  }

  /** Whether headers and bodies are wanted: clients buffer a response body only then. */
  public boolean tracing() {
    return level == Level.TRACE;
  }

  /**
   * Logs a request about to be sent and returns the handle its outcome is logged with.
   *
   * @param client which client sends it: {@code azure}, {@code kubernetes "aks-dev"}, {@code registry}
   * @param body the request body as text, when the client has it
   */
  public Exchange send(String client, String method, String url, Map<String, List<String>> headers, Optional<String> body) {
    Exchange exchange = new Exchange(client, method, HttpRedaction.url(url), System.nanoTime());
    if (enabled()) {
      write("--> " + exchange.what());
      if (tracing()) {
        headers(">", headers);
        body.ifPresent(b -> write("    > body: " + HttpRedaction.body(b)));
      }
    }
    return exchange;
  }

  /**
   * Ends a run's log with its slowest calls (method, address, status, time), slowest first, so a
   * slow plan says which round trips it waited for; then starts counting afresh.
   */
  public void writeSlowest() {
    List<SlowestCalls.Call> calls = slowest.drain();
    if (!enabled() || calls.isEmpty()) {
      return;
    }
    write("slowest " + calls.size() + " calls of the run:");
    calls.forEach(c -> write("  " + c.millis() + " ms " + c.outcome() + " " + c.what()));
  }

  /**
   * Writes out what is buffered and closes the {@code PULLPLAN_LOG_PATH} file; standard error is
   * left open. A line a straggling call writes after this is dropped.
   */
  @Override
  public void close() {
    synchronized (sink) {
      sink.flush();
      if (ownsSink) {
        sink.close();
      }
    }
  }

  private void headers(String direction, Map<String, List<String>> headers) {
    headers.forEach((name, values) -> values.forEach(v -> write("    " + direction + " " + name + ": " + HttpRedaction.header(name, v))));
  }

  private void write(String line) {
    synchronized (sink) {
      sink.println(clock.instant() + " [" + level.name() + "] http " + line);
    }
  }

  /** One request on its way: its response or failure is logged with the time it took. */
  public final class Exchange {
    private final String client;
    private final String method;
    private final String url;
    private final long started;

    private Exchange(String client, String method, String url, long started) {
      this.client = client;
      this.method = method;
      this.url = url;
      this.started = started;
    }

    private String what() {
      return client + ": " + method + " " + url;
    }

    private long millis() {
      return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    public void received(int status, Map<String, List<String>> headers, Optional<String> body) {
      if (enabled()) {
        long millis = millis();
        slowest.add(new SlowestCalls.Call(what(), String.valueOf(status), millis));
        write("<-- " + status + " " + what() + " (" + millis + " ms)");
        if (tracing()) {
          headers("<", headers);
          body.ifPresent(b -> write("    < body: " + HttpRedaction.body(b)));
        }
      }
    }

    /** A body that arrives after the status line (a streamed response). */
    public void receivedBody(String body) {
      if (tracing()) {
        write("    < body of " + what() + ": " + HttpRedaction.body(body));
      }
    }

    public void failed(Throwable cause) {
      if (enabled()) {
        long millis = millis();
        slowest.add(new SlowestCalls.Call(what(), "failed", millis));
        write("<-- failed " + what() + " after " + millis + " ms: " + cause.getClass().getSimpleName()
            + Optional.ofNullable(cause.getMessage()).map(m -> ": " + HttpRedaction.text(m)).orElse(""));
      }
    }
  }
}
