package dev.pullplan.spi;

/**
 * A resource type whose secret half can be renewed create-before-destroy. Both halves are required:
 * a type that can make a new password must be able to remove the old one, or a rotation would
 * leave it valid.
 */
public interface Rotatable {

  /**
   * Makes a new password and returns the new state, with what the old password needs to be
   * removed as {@link Applied#deposed()}. The engine calls {@link #retire} with it only after every
   * dependant uses the new value.
   */
  Applied rotate(Desired desired, ResourceState prior, ApplyContext context);

  /**
   * Removes the old secret a rotation (or an update that made a new password) left behind, never
   * the object itself. Removing what is already gone succeeds.
   */
  void retire(ResourceState deposed, ApplyContext context);
}
