package dev.pullplan.spi;

/**
 * A grant type whose grantee has no login pullplan can try (an AKS kubelet identity): what the
 * registry's token server would decide is judged from the roles the grantee holds instead. A role
 * check, not a pull: {@code verify} labels it so.
 */
public interface PullRoleCheck {

  /** What the check found: whether the registry would let the grantee pull, and why, for people. */
  record Finding(boolean honoured, String reason) {}

  /** Whether the grantee of the recorded grant now holds a pull role its registry's mode honours. */
  Finding checkPullRole(ResourceState recorded);
}
