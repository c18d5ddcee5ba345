package dev.pullplan.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OncePerKeyTest {
  private final OncePerKey<Integer, String> values = new OncePerKey<>();

  @Test
  void makingOneKeysValueNeverWaitsForAnotherKeyBeingMade() throws Exception {
    CountDownLatch making = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // 0 and 16 share a bin of a fresh ConcurrentHashMap, whose computeIfAbsent would make 16 wait
    CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> values.get(0, k -> {
      making.countDown();
      await(release);
      return "zero";
    }));
    assertThat(making.await(5, TimeUnit.SECONDS)).isTrue();

    String other = CompletableFuture.supplyAsync(() -> values.get(16, k -> "sixteen")).get(5, TimeUnit.SECONDS);

    assertThat(other).isEqualTo("sixteen");
    release.countDown();
    assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo("zero");
  }

  @Test
  void callersOfOneKeyWaitForTheOneMakingOfItsValue() throws Exception {
    AtomicInteger made = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> values.get(1, k -> {
      made.incrementAndGet();
      await(release);
      return "one";
    }));
    waitUntil(() -> made.get() == 1);
    CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> values.get(1, k -> {
      made.incrementAndGet();
      return "another";
    }));
    Thread.sleep(50);
    assertThat(second).isNotDone();

    release.countDown();

    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("one");
    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("one");
    assertThat(made).hasValue(1);
  }

  @Test
  void aFailedMakingIsNotKeptAndTheNextCallerMakesTheValueAgain() {
    assertThatThrownBy(() -> values.get(2, k -> {
      throw new IllegalStateException("registry unreachable");
    })).hasMessage("registry unreachable");

    assertThat(values.ifMade(2)).isEmpty();
    assertThat(values.get(2, k -> "two")).isEqualTo("two");
  }

  @Test
  void ifMadeAnswersWithoutMakingAndForgetMakesTheNextGetMakeItAgain() {
    assertThat(values.ifMade(3)).isEmpty();
    values.get(3, k -> "three");
    assertThat(values.ifMade(3)).contains("three");

    values.forget(3);

    assertThat(values.ifMade(3)).isEmpty();
    assertThat(values.get(3, k -> "three again")).isEqualTo("three again");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }
}
