package dev.pullplan.context;

import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.model.Access;
import dev.pullplan.model.Stack;
import dev.pullplan.spi.NamespaceInventory;
import dev.pullplan.spi.Provider;
import dev.pullplan.spi.ProviderSession;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.RunContext;
import dev.pullplan.spi.RunOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One run of pullplan against one stack: the provider sessions (opened on first use), the
 * warnings they raise and the API calls they count. Implements the {@link RunContext} providers see.
 */
public final class Run implements RunContext, AutoCloseable {
  private final Stack stack;
  private final String stackName;
  private final ProviderRegistry registry;
  private final Clock clock;
  private final Map<String, String> environment;
  private final RunReporter reporter;
  private final RunOptions options;
  private final Map<String, ProviderSession> sessions = new LinkedHashMap<>();
  private final Set<String> warnings = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final dev.pullplan.spi.HttpLog httpLog;

  public Run(Stack stack, String stackName, ProviderRegistry registry, Clock clock, Map<String, String> environment,
      RunReporter reporter, RunOptions options) {
    this(stack, stackName, registry, clock, environment, reporter, options, dev.pullplan.spi.HttpLog.OFF);
  }

  public Run(Stack stack, String stackName, ProviderRegistry registry, Clock clock, Map<String, String> environment,
      RunReporter reporter, RunOptions options, dev.pullplan.spi.HttpLog httpLog) {
    this.httpLog = httpLog;
    this.stack = stack;
    this.stackName = stackName;
    this.registry = registry;
    this.clock = clock;
    this.environment = Map.copyOf(environment);
    this.reporter = reporter;
    this.options = options;
  }

  @Override
  public dev.pullplan.spi.HttpLog httpLog() {
    return httpLog;
  }

  @Override
  public RunOptions options() {
    return options;
  }

  public ProviderRegistry registry() {
    return registry;
  }

  public synchronized ProviderSession session(Provider provider) {
    return sessions.computeIfAbsent(provider.name(), n -> provider.open(this));
  }

  /** Tells every session opened so far that the apply's changes ran ({@link ProviderSession#applied}). */
  public void applied() {
    List<ProviderSession> opened;
    synchronized (this) {
      opened = List.copyOf(sessions.values());
    }
    for (ProviderSession session : opened) {
      try {
        session.applied();
      } catch (RuntimeException e) {
        // the changes ran and are recorded: a check after them only warns
        warn("after the apply's changes: " + PullplanException.messageOf(e));
      }
    }
  }

  public ResourceHandler handler(String type) {
    return session(registry.require(type)).handler(type);
  }

  /** {@code facts} with what the provider of {@code type} derives from them (see {@link ResourceHandler#derived}). */
  public Map<String, Object> derived(String type, Address address, Map<String, Object> facts) {
    return handler(type).derived(address, facts);
  }

  public String providerName(String type) {
    return registry.require(type).name();
  }

  /** The config this run plans (the CLI's verify and doctor read it; providers never see it). */
  public Stack stack() {
    return stack;
  }

  @Override
  public java.nio.file.Path configDir() {
    return stack.dir();
  }

  @Override
  public Map<String, String> providerSettings(String provider) {
    return stack.providerSettings(provider);
  }

  @Override
  public String stackName() {
    return stackName;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public void progress(String line) {
    reporter.progress(line);
  }

  /** The engine's own progress: a resource's change began. */
  public void started(String subject, String what) {
    reporter.started(subject, what);
  }

  /** The engine's own progress: a resource's change ended. */
  public void finished(String subject, String outcome) {
    reporter.finished(subject, outcome);
  }

  @Override
  public void warn(String message) {
    warnings.add(message);
  }

  public List<String> warnings() {
    synchronized (warnings) {
      return List.copyOf(new ArrayList<>(warnings));
    }
  }

  @Override
  public void countCall(String provider, String call) {
    calls.computeIfAbsent(provider + ": " + call, k -> new LongAdder()).increment();
  }

  /** Calls counted so far, by {@code provider: call}. */
  public Map<String, Long> apiCalls() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public long totalApiCalls() {
    return calls.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /**
   * The namespaces an access's {@code namespace_selector} matches, from whichever provider can
   * list namespaces by label.
   *
   * @throws dev.pullplan.PullplanException when none can, or the cluster cannot be read
   */
  public Set<String> namespacesMatching(Access access) {
    NamespaceInventory inventory = service(NamespaceInventory.class)
        .orElseThrow(() -> new PullplanException("no provider can list namespaces by label"));
    return inventory.namespacesMatching(stack.cluster(access.cluster()), access.namespaceSelector());
  }

  /** Asks every provider (opening its session if needed) for a capability. */
  @Override
  public <T> Optional<T> service(Class<T> type) {
    for (Provider p : registry.providers()) {
      Optional<T> found = session(p).service(type);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized void close() {
    sessions.values().forEach(ProviderSession::close);
    sessions.clear();
    // --debug ends with the calls the run waited longest for
    httpLog.writeSlowest();
  }
}
