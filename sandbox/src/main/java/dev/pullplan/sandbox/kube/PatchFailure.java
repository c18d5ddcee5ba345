package dev.pullplan.sandbox.kube;

/** A patch that cannot be applied: the API server answers {@code code} with the message. */
final class PatchFailure extends Exception {
  private final int code;

  PatchFailure(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  int code() {
    return code;
  }
}
