package dev.pullplan.provider.azure;

import com.azure.core.exception.ClientAuthenticationException;
import dev.pullplan.PullplanException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs one SDK call and turns its failure into a {@link PullplanException} that names the call,
 * the scope and the permission (see {@link AzureFailures}); the SDK's exception is kept as the
 * cause for {@code --debug}.
 */
final class AzureCalls {
  private AzureCalls() {}

  static <T> T call(AzureOperation operation, String scope, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw translate(operation, scope, e);
    }
  }

  static void run(AzureOperation operation, String scope, Runnable call) {
    call(operation, scope, () -> {
      call.run();
      return null;
    });
  }

  /** The result, or empty when Azure answers 404: the object does not exist. */
  static <T> Optional<T> find(AzureOperation operation, String scope, Supplier<T> call) {
    try {
      return Optional.ofNullable(call.get());
    } catch (RuntimeException e) {
      if (AzureError.of(e).filter(err -> err.status() == 404).isPresent()) {
        return Optional.empty();
      }
      throw translate(operation, scope, e);
    }
  }

  /** A delete that succeeds when the object is already gone. */
  static void delete(AzureOperation operation, String scope, Runnable call) {
    find(operation, scope, () -> {
      call.run();
      return Boolean.TRUE;
    });
  }

  static PullplanException translate(AzureOperation operation, String scope, RuntimeException e) {
    if (e instanceof PullplanException p) {
      return p;
    }
    Optional<AzureError> error = AzureError.of(e);
    if (error.isPresent()) {
      AzureError err = error.get();
      return new PullplanException(AzureFailures.message(operation, scope, err.status(), err.code(), err.message()), e);
    }
    if (e instanceof ClientAuthenticationException) {
      return new PullplanException(AzureFailures.notSignedIn(operation, scope), e);
    }
    return new PullplanException(AzureFailures.unreachable(operation, scope, rootCause(e)), e);
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
