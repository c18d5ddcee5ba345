package dev.pullplan.provider.azure;

import dev.pullplan.address.Address;
import dev.pullplan.model.Stack;
import dev.pullplan.spi.ApplyContext;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.RunContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A run that keeps what the provider reports: progress lines, warnings, call counts. */
final class RecordingRun implements RunContext, ApplyContext {
  final List<String> progress = new CopyOnWriteArrayList<>();
  final List<String> warnings = new CopyOnWriteArrayList<>();
  final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Stack stack;
  private final Map<String, String> environment;

  RecordingRun(Stack stack, Map<String, String> environment) {
    this.stack = stack;
    this.environment = environment;
  }

  int calls(String call) {
    return Optional.ofNullable(calls.get(call)).map(AtomicInteger::get).orElse(0);
  }

  @Override
  public Stack stack() {
    return stack;
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
    calls.computeIfAbsent(provider + " " + call, k -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public <T> Optional<T> service(Class<T> type) {
    return Optional.empty();
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
