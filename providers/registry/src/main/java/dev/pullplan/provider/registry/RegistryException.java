package dev.pullplan.provider.registry;

import dev.pullplan.PullplanException;

/** A registry's refusal or unavailability, with its classified cause. */
public final class RegistryException extends PullplanException {
  private final transient RegistryFailure failure;

  public RegistryException(RegistryFailure failure) {
    super(failure.reason());
    this.failure = failure;
  }

  public RegistryFailure failure() {
    return failure;
  }
}
