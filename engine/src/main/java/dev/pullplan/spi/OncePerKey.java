package dev.pullplan.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values made once per key for a run, such as a registry's GET or a list of its tokens, where
 * making one key's value never waits on another's. {@code ConcurrentHashMap.computeIfAbsent} is
 * not that: it holds the lock of the key's bin, which other keys share, while it computes, so a
 * round trip made inside it stalls unrelated keys (the second registry's GET waited for the first
 * registry's lists). Here the map only records who makes a value; the making runs outside it, and
 * callers of the same key wait for that one. A failure is not kept: the callers that waited for
 * it try again, one of them making the value, as with {@code computeIfAbsent}.
 */
public final class OncePerKey<K, V> {
  private final ConcurrentHashMap<K, CompletableFuture<V>> values = new ConcurrentHashMap<>();

  /** The key's value, made by {@code make} (never null) if no caller made or is making it. */
  public V get(K key, Function<? super K, ? extends V> make) {
    while (true) {
      CompletableFuture<V> mine = new CompletableFuture<>();
      CompletableFuture<V> theirs = values.putIfAbsent(key, mine);
      if (theirs == null) {
        return make(key, make, mine);
      }
      try {
        return theirs.join();
      } catch (CompletionException makerFailed) {
        // its maker removed the entry: this caller tries again, maybe making the value itself
      }
    }
  }

  /** The key's value if it was made, without making it or waiting for a maker. */
  public Optional<V> ifMade(K key) {
    CompletableFuture<V> f = values.get(key);
    return f != null && f.isDone() && !f.isCompletedExceptionally() ? Optional.of(f.join()) : Optional.empty();
  }

  /** Forgets the key's value (or making), so the next {@link #get} makes it again. */
  public void forget(K key) {
    values.remove(key);
  }

  private V make(K key, Function<? super K, ? extends V> make, CompletableFuture<V> mine) {
    boolean made = false;
    try {
      V value = Objects.requireNonNull(make.apply(key), "a OncePerKey value");
      mine.complete(value);
      made = true;
      return value;
    } finally {
      if (!made) {
        // whatever was thrown, the waiters must not wait forever: they try again
        values.remove(key, mine);
        mine.completeExceptionally(new IllegalStateException("making the value failed"));
      }
    }
  }
}
