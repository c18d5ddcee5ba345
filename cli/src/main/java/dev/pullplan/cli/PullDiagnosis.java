package dev.pullplan.cli;

import java.util.List;

/**
 * Why one pod's container cannot pull, as {@code doctor} found it: the cause, what shows it (the
 * kubelet's event, the cluster's objects, the registry's own answer, the state) and the fix.
 *
 * @param cause a stable word: {@code secret_missing}, {@code secret_not_referenced},
 *     {@code admitted_before_secret}, {@code credentials_rejected}, {@code not_allowed},
 *     {@code manifest_unknown}, {@code registry_unreachable}, {@code registry_unavailable},
 *     {@code pulls_now}, {@code unknown}
 */
record PullDiagnosis(String cluster, String namespace, String pod, String container, String image, String cause,
    String summary, List<String> evidence, String fix) {
  PullDiagnosis {
    evidence = List.copyOf(evidence);
  }
}
