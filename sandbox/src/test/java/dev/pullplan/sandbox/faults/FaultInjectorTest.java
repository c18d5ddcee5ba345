package dev.pullplan.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

  private static List<String> paths(int n) {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      paths.add("/api/v1/namespaces/ns" + i + "/secrets");
    }
    return paths;
  }

  @Test
  void offUntilToldAndAfterStop() {
    FaultInjector injector = new FaultInjector();
    assertThat(injector.decide(FaultTarget.ARM, "GET", "/x")).isEmpty();

    injector.inject(FaultSpec.everywhere(1.0));
    assertThat(injector.decide(FaultTarget.ARM, "GET", "/x")).isPresent();

    injector.stop();
    assertThat(injector.decide(FaultTarget.ARM, "GET", "/x")).isEmpty();
    assertThat(injector.counts().totalInjected()).isEqualTo(1);
  }

  @Test
  void aSeedGivesEachRequestTheSameFateWhateverTheOrder() {
    List<String> paths = paths(500);
    List<String> shuffled = new ArrayList<>(paths);
    Collections.shuffle(shuffled, new Random(3));
    FaultInjector inOrder = new FaultInjector().inject(FaultSpec.everywhere(0.3).withSeed(42));
    FaultInjector outOfOrder = new FaultInjector().inject(FaultSpec.everywhere(0.3).withSeed(42));

    List<String> faultedInOrder = new ArrayList<>();
    for (String p : paths) {
      inOrder.decide(FaultTarget.KUBERNETES, "GET", p).ifPresent(f -> faultedInOrder.add(p + " " + f.kind()));
    }
    List<String> faultedOutOfOrder = new ArrayList<>();
    for (String p : shuffled) {
      outOfOrder.decide(FaultTarget.KUBERNETES, "GET", p).ifPresent(f -> faultedOutOfOrder.add(p + " " + f.kind()));
    }

    assertThat(faultedOutOfOrder).containsExactlyInAnyOrderElementsOf(faultedInOrder);
    assertThat(faultedInOrder.size()).isBetween(110, 190);
  }

  @Test
  void aRetryOfAFaultedRequestIsANewDrawAndRunsOfFailuresAreCounted() {
    FaultInjector injector = new FaultInjector().inject(FaultSpec.everywhere(0.5).withKinds(FaultKind.UNAVAILABLE));
    int attempts = 0;
    Optional<Fault> fault;
    do {
      fault = injector.decide(FaultTarget.GRAPH, "POST", "/v1.0/applications");
      attempts++;
    } while (fault.isPresent() && attempts < 100);

    assertThat(fault).isEmpty();
    assertThat(injector.counts().longestFaultRun()).isEqualTo(attempts - 1);
    assertThat(injector.counts().requests()).containsEntry(FaultTarget.GRAPH, attempts);
  }

  @Test
  void onlyTheChosenApisAndKinds() {
    FaultInjector injector = new FaultInjector().inject(FaultSpec.everywhere(1.0).withTargets(FaultTarget.TOKEN)
        .withKinds(FaultKind.THROTTLE_BARE));

    assertThat(injector.decide(FaultTarget.ARM, "GET", "/x")).isEmpty();
    assertThat(injector.decide(FaultTarget.TOKEN, "POST", "/t/oauth2/v2.0/token"))
        .contains(new Fault.Status(FaultKind.THROTTLE_BARE, 429, Optional.empty()));
  }

  @Test
  void aTripwireRunsOnceAtTheKthRequestOfAnyApiWithOrWithoutFaults() {
    FaultInjector injector = new FaultInjector();
    List<Integer> tripped = new ArrayList<>();
    injector.tripAt(3, () -> tripped.add(injector.requestsSeen()));

    injector.decide(FaultTarget.TOKEN, "POST", "/t/oauth2/v2.0/token");
    injector.decide(FaultTarget.ARM, "GET", "/x");
    assertThat(tripped).isEmpty();
    injector.decide(FaultTarget.KUBERNETES, "POST", "/api/v1/namespaces/a/secrets");
    injector.decide(FaultTarget.GRAPH, "POST", "/v1.0/applications");

    assertThat(tripped).containsExactly(3);
    assertThat(injector.requestsSeen()).isEqualTo(4);
    injector.clearTripwire();
    assertThat(injector.requestsSeen()).isZero();
  }
}
