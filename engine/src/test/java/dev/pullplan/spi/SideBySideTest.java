package dev.pullplan.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pullplan.PullplanException;
import java.time.Duration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

  @Test
  void aWatchedRunGivesUpOnATaskWithoutProgressNamingIt() {
    CountDownLatch never = new CountDownLatch(1);
    Map<String, Runnable> tasks = new LinkedHashMap<>();
    tasks.put("dev", () -> {});
    tasks.put("partner", () -> awaitQuietly(never));

    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(
            () -> SideBySide.run(tasks, 4, "reading the clusters", noCallEver(Duration.ofMillis(300))))
        .isInstanceOf(PullplanException.class)
        .hasMessage("reading the clusters: cluster \"partner\" did not finish, and no call to a cluster ended for"
            + " 300ms, longer than any call takes while its deadlines hold: pullplan stopped waiting for it"
            + " (a connection or call stuck outside those deadlines)"));
  }

  @Test
  void aWatchedRunWaitsForATaskThatKeepsEndingCallsLongerThanTheStuckLimit() {
    AtomicLong lastCall = new AtomicLong(System.nanoTime());
    AtomicInteger calls = new AtomicInteger();
    Runnable busy = () -> {
      for (int i = 0; i < 20; i++) {
        sleepQuietly(Duration.ofMillis(50));
        lastCall.set(System.nanoTime());
        calls.incrementAndGet();
      }
    };

    SideBySide.run(Map.of("dev", busy), 4, "reading the clusters",
        new SideBySide.Watch(lastCall::get, Duration.ofMillis(300), "cluster"));

    assertThat(calls.get()).isEqualTo(20);
  }

  @Test
  void aTaskThatEndsIsProgressForTheWatchOfTheOthers() {
    // no calls at all; each task ends within the limit of the one before it, none within the limit of the start
    Map<String, Runnable> tasks = new LinkedHashMap<>();
    AtomicInteger finished = new AtomicInteger();
    for (int i = 1; i <= 3; i++) {
      Duration after = Duration.ofMillis(200L * i);
      tasks.put("c" + i, () -> {
        sleepQuietly(after);
        finished.incrementAndGet();
      });
    }

    SideBySide.run(tasks, 4, "reading the clusters", noCallEver(Duration.ofMillis(500)));

    assertThat(finished.get()).isEqualTo(3);
  }

  @Test
  void aSingleWatchedTaskIsWatchedToo() {
    CountDownLatch never = new CountDownLatch(1);

    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(
            () -> SideBySide.run(Map.of("partner", () -> awaitQuietly(never)), 4, "reading the clusters",
                noCallEver(Duration.ofMillis(300))))
        .isInstanceOf(PullplanException.class).hasMessageContaining("cluster \"partner\" did not finish"));
  }

  /** A watch whose tasks never end a call: only the tasks' own ends are progress. */
  private static SideBySide.Watch noCallEver(Duration stuckAfter) {
    long started = System.nanoTime();
    return new SideBySide.Watch(() -> started, stuckAfter, "cluster");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
