package dev.pullplan.testing;

import dev.pullplan.address.Address;
import dev.pullplan.model.Stack;
import dev.pullplan.spi.ApplyContext;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.RunContext;
import dev.pullplan.spi.RunOptions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A run for provider tests that keeps what the provider reports — progress lines, warnings,
 * API calls by {@code provider: call} — and serves as the apply context of a change with no
 * dependencies.
 */
public class TestRun implements RunContext, ApplyContext {
  public final List<String> progress = new CopyOnWriteArrayList<>();
  public final List<String> warnings = new CopyOnWriteArrayList<>();
  public final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  public final Map<String, String> environment;
  public final Map<Class<?>, Object> services = new HashMap<>();
  public RunOptions options = RunOptions.DEFAULTS;
  protected Stack stack;

  /** @param environment kept as given, so a test may change it between calls */
  public TestRun(Stack stack, Map<String, String> environment) {
    this.stack = stack;
    this.environment = environment;
  }

  public int calls(String call) {
    return Optional.ofNullable(calls.get(call)).map(AtomicInteger::get).orElse(0);
  }

  public int totalCalls() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

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

  /** The settled stack name: the directory's, as for a stack whose state is new. */
  @Override
  public String stackName() {
    return stack.directoryName();
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public void progress(String line) {
    progress.add(line);
  }

  @Override
  public void warn(String message) {
    warnings.add(message);
  }

  @Override
  public void countCall(String provider, String call) {
    calls.computeIfAbsent(provider + ": " + call, k -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public RunOptions options() {
    return options;
  }

  @Override
  public <T> Optional<T> service(Class<T> type) {
    return Optional.ofNullable(services.get(type)).map(type::cast);
  }

  @Override
  public RunContext run() {
    return this;
  }

  @Override
  public Map<Address, ResourceState> dependencies() {
    return Map.of();
  }
}
