package dev.pullplan.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullplan.diag.Diagnostic;
import dev.pullplan.model.Stack;
import dev.pullplan.plan.Change;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.Summary;
import dev.pullplan.context.RunReporter;
import dev.pullplan.state.Version;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code apply -json}: one JSON object a line, in the shape of Terraform's machine-readable UI
 * ({@code @level}, {@code @message}, {@code @timestamp}, {@code type}): {@code version},
 * {@code planned_change}, {@code apply_start}, {@code apply_progress}, {@code apply_complete},
 * {@code apply_errored}, {@code change_summary}, {@code outputs}, {@code diagnostic}. Secrets never
 * appear: sensitive outputs are given without a value.
 */
final class JsonEvents implements RunReporter {
  private static final ObjectMapper COMPACT = new ObjectMapper();

  private final PrintStream out;
  private final Clock clock;

  JsonEvents(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  void version() {
    Map<String, Object> e = event("info", "pullplan " + Version.current(), "version");
    e.put("pullplan", Version.current());
    e.put("ui", "1.0");
    emit(e);
  }

  void planned(Plan plan) {
    for (Change c : plan.effectiveChanges()) {
      Map<String, Object> e = event("info", c.address() + ": Plan to " + c.action().keyword(), "planned_change");
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("resource", resource(c.address().toString(), c.type()));
      change.put("action", c.action().keyword());
      change.put("reasons", c.reasons());
      e.put("change", change);
      emit(e);
    }
  }

  void summary(Plan plan, String operation) {
    Summary s = plan.summary();
    Map<String, Object> e = event("info", operation.equals("destroy")
        ? "Destroy complete! Resources: " + s.destroy() + " destroyed."
        : "Apply complete! Resources: " + s.add() + " added, " + s.change() + " changed, " + s.destroy() + " destroyed, "
            + s.rotate() + " rotated.", "change_summary");
    e.put("changes", Map.of("add", s.add(), "change", s.change(), "remove", s.destroy(), "rotate", s.rotate(),
        "operation", operation));
    emit(e);
  }

  void outputs(Stack stack) {
    if (stack.outputs().isEmpty()) {
      return;
    }
    Map<String, Object> e = event("info", "Outputs: " + stack.outputs().size(), "outputs");
    e.put("outputs", OutputValues.json(stack));
    emit(e);
  }

  void error(String summary) {
    Map<String, Object> e = event("error", "Error: " + summary, "diagnostic");
    e.put("diagnostic", Map.of("severity", "error", "summary", summary));
    emit(e);
  }

  void failure(Diagnostic f) {
    error(f.headline());
  }

  @Override
  public void progress(String line) {
    emit(event("info", line, "apply_progress"));
  }

  @Override
  public void started(String subject, String what) {
    Map<String, Object> e = event("info", subject + ": " + what, "apply_start");
    e.put("hook", Map.of("resource", Map.of("addr", subject)));
    emit(e);
  }

  /** The reporter's outcome is words for people; "failed: " is how the applier words a failure. */
  @Override
  public void finished(String subject, String outcome) {
    boolean failed = outcome.startsWith("failed: ");
    Map<String, Object> e = event(failed ? "error" : "info", subject + ": " + outcome, failed ? "apply_errored" : "apply_complete");
    e.put("hook", Map.of("resource", Map.of("addr", subject)));
    emit(e);
  }

  private static Map<String, Object> resource(String address, String type) {
    return Map.of("addr", address, "resource_type", type);
  }

  private Map<String, Object> event(String level, String message, String type) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("@level", level);
    e.put("@message", message);
    e.put("@module", "pullplan.ui");
    e.put("@timestamp", Instant.now(clock).toString());
    e.put("type", type);
    return e;
  }

  private synchronized void emit(Map<String, Object> event) {
    try {
      out.println(COMPACT.writeValueAsString(event));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON event", e);
    }
  }
}
