package dev.pullplan.provider.kubernetes;

import dev.pullplan.address.Address;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.RunContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;

/** The labels and annotations that say an object is pullplan's, and for which resource. */
final class Ownership {
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String PULLPLAN = "pullplan";
  static final String STACK = "pullplan.dev/stack";
  static final String ADDRESS = "pullplan.dev/address";
  /** Written on every Secret by earlier builds (an unkeyed hash of the login): removed whenever pullplan writes one now. */
  static final String LEGACY_FINGERPRINT = "pullplan.dev/credential-fingerprint";
  /** On a ServiceAccount: the imagePullSecrets entries pullplan added, comma-separated. */
  static final String PULL_SECRETS = "pullplan.dev/pull-secrets";

  private Ownership() {}

  /** The stack the expansion named, else the run's. */
  static String stack(Desired desired, RunContext run) {
    return stackOf(desired.attributes().get("stack"), run);
  }

  /** The stack the config (else state) names for the resource read, else the run's. */
  static String stack(ReadRequest request, RunContext run) {
    return stackOf(request.attribute("stack").orElse(null), run);
  }

  /** The stack state recorded for a resource about to be deleted, else the run's. */
  static String stack(ResourceState prior, RunContext run) {
    return stackOf(prior.attributes().get("stack"), run);
  }

  private static String stackOf(Object stack, RunContext run) {
    return stack instanceof String s && !s.isEmpty() ? s : run.stackName();
  }

  static Map<String, String> labels() {
    return Map.of(MANAGED_BY, PULLPLAN);
  }

  static Map<String, String> annotations(String stack, Address address) {
    return Map.of(STACK, stack, ADDRESS, address.toString());
  }

  static boolean managed(HasMetadata o) {
    return PULLPLAN.equals(label(o, MANAGED_BY).orElse(""));
  }

  /**
   * Made by pullplan for exactly this resource of this stack: may be updated and deleted. Two
   * stacks that target one cluster can have the same addresses; neither may take the other's.
   */
  static boolean ownedBy(HasMetadata o, String stack, Address address) {
    return managed(o) && address.toString().equals(annotation(o, ADDRESS).orElse(""))
        && stack.equals(annotation(o, STACK).orElse(""));
  }

  /**
   * Made by pullplan for this stack, under whatever address: for an object state records, whose
   * address may have changed since it was written — a {@code moved} block re-addresses state,
   * not the objects it made.
   */
  static boolean madeForStack(HasMetadata o, String stack) {
    return managed(o) && stack.equals(annotation(o, STACK).orElse(""));
  }

  static Optional<String> label(HasMetadata o, String key) {
    Map<String, String> labels = o.getMetadata().getLabels();
    return Optional.ofNullable(labels == null ? null : labels.get(key));
  }

  static Optional<String> annotation(HasMetadata o, String key) {
    Map<String, String> annotations = o.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(key));
  }
}
