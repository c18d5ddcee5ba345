package dev.pullplan.spi;

import java.util.Set;

/**
 * Observe / create / update / delete for one resource type. The contract every implementation
 * keeps (and is tested against):
 *
 * <ul>
 *   <li>{@link #read} never mutates anything.
 *   <li>{@link #create} is idempotent: after a half-done create (the process died before state was
 *       written) it finds and adopts what it made instead of failing with "already exists".
 *   <li>{@link #delete} of an object that is already gone succeeds.
 *   <li>Objects pullplan did not create are never updated or deleted: {@link #read} reports them
 *       as {@link Observed.Foreign}.
 *   <li>No secret value appears in a returned attribute (only in {@code sensitive}), an exception
 *       message or a log line.
 * </ul>
 */
public interface ResourceHandler {

  /** Reads the actual object; absent when it does not exist. */
  Observed read(ReadRequest request);

  Applied create(Desired desired, ApplyContext context);

  Applied update(Desired desired, ResourceState prior, ApplyContext context);

  /**
   * Replaces the secret part of a credential create-before-destroy: makes a new password and
   * returns the new state with the old one as {@link Applied#deposed()}; the engine calls
   * {@link #retire} with it only after every dependant has been updated to the new value.
   */
  default Applied rotate(Desired desired, ResourceState prior, ApplyContext context) {
    throw new UnsupportedOperationException(desired.type() + " cannot be rotated");
  }

  /** Removes what a rotation or a create-before-destroy replacement left behind. */
  default void retire(ResourceState deposed, ApplyContext context) {
    delete(deposed, context);
  }

  void delete(ResourceState prior, ApplyContext context);

  /** Reads an existing object by the id a user gives to {@code pullplan import}. */
  default Observed importById(ReadRequest request, String id) {
    return read(request);
  }

  /** Attributes whose change cannot be made in place. */
  default Set<String> replaceOn() {
    return Set.of();
  }

  /** Whether a replacement makes the new object before removing the old one. */
  default boolean createBeforeDestroy() {
    return false;
  }

  /**
   * Attributes set by the provider (ids, timestamps) that the config never states: not compared
   * against the desired attributes.
   */
  default Set<String> computed() {
    return Set.of();
  }

  /**
   * Sensitive attributes read anew every run (an external password from the environment):
   * never written to state unless state encryption is configured.
   */
  default Set<String> ephemeral() {
    return Set.of();
  }
}
