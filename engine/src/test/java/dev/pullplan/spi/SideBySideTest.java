package dev.pullplan.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SideBySideTest {
  @Test
  void tasksRunTogetherSoNoneWaitsForAnothersRoundTrip() {
    // each task waits until all have started: one after another, the first would wait forever
    CountDownLatch allStarted = new CountDownLatch(3);
    List<Boolean> sawTheOthers = Collections.synchronizedList(new ArrayList<>());
    Runnable task = () -> {
      allStarted.countDown();
      try {
        sawTheOthers.add(allStarted.await(10, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };

    SideBySide.run(List.of(task, task, task), 8, "testing");

    assertThat(sawTheOthers).containsExactly(true, true, true);
  }

  @Test
  void noMoreThanTheBoundRunAtOnce() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Runnable task = () -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.decrementAndGet();
    };

    SideBySide.run(Collections.nCopies(8, task), 2, "testing");

    assertThat(most.get()).isEqualTo(2);
  }

  @Test
  void aFailureIsRethrownOnceEveryOtherTaskHasEnded() {
    AtomicInteger finished = new AtomicInteger();
    Runnable slow = () -> {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      finished.incrementAndGet();
    };
    Runnable failing = () -> {
      throw new IllegalStateException("registry r0 cannot be listed");
    };

    assertThatThrownBy(() -> SideBySide.run(List.of(failing, slow, slow), 4, "testing"))
        .isInstanceOf(IllegalStateException.class).hasMessage("registry r0 cannot be listed");
    assertThat(finished.get()).isEqualTo(2);
  }

  @Test
  void aSingleTaskRunsOnTheCallersThread() {
    List<Thread> ranOn = new ArrayList<>();

    SideBySide.run(List.of(() -> ranOn.add(Thread.currentThread())), 8, "testing");

    assertThat(ranOn).containsExactly(Thread.currentThread());
  }
}
