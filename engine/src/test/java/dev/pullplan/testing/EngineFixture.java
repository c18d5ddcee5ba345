package dev.pullplan.testing;

import dev.pullplan.apply.ApplyResult;
import dev.pullplan.model.Stack;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanOptions;
import dev.pullplan.run.Engine;
import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.context.Run;
import dev.pullplan.state.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The engine wired to the in-memory provider and in-memory state: plan and apply in one line. */
public final class EngineFixture {
  public final InMemoryProvider world = new InMemoryProvider();
  public final MemoryStateBackend state = new MemoryStateBackend();
  public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  public final Engine engine = new Engine(new ProviderRegistry(List.of(world)), state, clock, Map.of(), line -> {});

  public Plan plan(Stack stack) {
    return plan(stack, PlanOptions.normal());
  }

  public Plan plan(Stack stack, PlanOptions options) {
    try (Run run = engine.open(stack)) {
      return engine.plan(run, options);
    }
  }

  public ApplyResult apply(Stack stack, Plan plan) {
    try (Run run = engine.open(stack)) {
      return engine.apply(run, plan, 4, Duration.ZERO, Optional.empty());
    }
  }

  /** Plans and applies, as {@code pullplan apply -auto-approve} does. */
  public ApplyResult planAndApply(Stack stack) {
    return apply(stack, plan(stack));
  }

  public State current() {
    return state.read().orElseThrow();
  }
}
