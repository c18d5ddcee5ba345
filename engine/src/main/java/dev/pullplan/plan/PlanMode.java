package dev.pullplan.plan;

public enum PlanMode {
  /** Make what exists match the config. */
  NORMAL,
  /** Only update state to what exists; change nothing else. */
  REFRESH_ONLY,
  /** Remove everything in state. */
  DESTROY
}
