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

  /**
   * Removes every secret of the object that pullplan made except the one {@code current} holds:
   * what a run that died mid-rotation left — the old password it had recorded as deposed, and the
   * new one it may have made and never recorded (nobody knows its value, so it only adds risk).
   * The engine calls it on the next apply, after every dependant uses {@code current}'s value.
   * Removing what is already gone succeeds.
   */
  void retireAllBut(ResourceState current, ApplyContext context);
}
