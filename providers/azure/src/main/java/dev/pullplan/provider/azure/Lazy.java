package dev.pullplan.provider.azure;

import java.util.function.Supplier;

/** A value made on first use, once, whichever thread asks first. */
final class Lazy<T> implements Supplier<T> {
  private final Supplier<T> maker;
  private volatile T value;

  Lazy(Supplier<T> maker) {
    this.maker = maker;
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        if (value == null) {
          value = maker.get();
        }
        v = value;
      }
    }
    return v;
  }

  boolean isMade() {
    return value != null;
  }
}
