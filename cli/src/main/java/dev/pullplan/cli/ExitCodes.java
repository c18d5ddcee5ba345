package dev.pullplan.cli;

/** Terraform's exit codes, so pipelines already know them. */
public final class ExitCodes {
  public static final int OK = 0;
  /** Any error, usage errors included. */
  public static final int ERROR = 1;
  /** Changes present (with --detailed-exitcode; always for drift). */
  public static final int CHANGES = 2;

  private ExitCodes() {}
}
