package dev.pullplan.spi;

import dev.pullplan.address.Address;
import java.util.Map;
import java.util.Set;

/**
 * Observe / create / update / delete for one resource type. The contract every implementation
 * keeps (and is tested against):
 *
 * <p>Capabilities beyond these are separate interfaces a handler implements whole:
 * {@link Rotatable} (new password, old one retired later) and {@link Importable}.
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

  void delete(ResourceState prior, ApplyContext context);

  /**
   * Why {@code pullplan import} refuses this type, for a type that is not {@link Importable}: what
   * makes it impossible and what to do instead.
   */
  default String whyNotImportable() {
    return "pullplan cannot import this type of resource: let it create its own";
  }

  /**
   * The desired attributes once the provider has added what it derives from the facts the engine
   * hands it (the {@code stack} name, the address): names its API allows, the role that grants
   * pull. The engine knows none of that; it compares and records the result. Pure: no I/O.
   */
  default Map<String, Object> derived(Address address, Map<String, Object> facts) {
    return facts;
  }

  /** Attributes whose change cannot be made in place. */
  default Set<String> replaceOn() {
    return Set.of();
  }

  /**
   * Whether a replacement makes the new object before removing the old one (the plan's
   * {@code create-before-destroy} action): only for types whose old and new objects can exist side
   * by side.
   */
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
   * Facts the config hands the handler that are not the object itself: how to find it again later
   * (how to reach the cluster it lives in, which Azure registry a block names), even after the
   * config no longer says, and what a check before writing it needs (the access's probe image).
   * The engine records them with the object as last applied, carries them through refresh and
   * never compares them (nor calls them drift), so a change of them alone is not a change of the
   * object. A handler reads them from the desired attributes, or from state for an object the
   * config no longer has.
   */
  default Set<String> locators() {
    return Set.of();
  }

  /**
   * Attributes {@link #derived} names the object with that are fixed once it exists: for an object
   * state recorded, the recorded value stands instead of the one derived today. A name follows
   * the address it was made at, so without this a renamed or re-keyed block ({@code moved}) would
   * rename, and so replace, the object behind it: an ACR token and every password it gave out.
   */
  default Set<String> fixedAtCreation() {
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
