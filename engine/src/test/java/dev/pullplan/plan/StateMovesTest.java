package dev.pullplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.address.MoveEndpoint;
import dev.pullplan.diag.Position;
import dev.pullplan.model.Moved;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.State;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateMovesTest {
  private static final Position AT = new Position("main.pullplan.hcl", 30, 1);
  private static final Address SP = Address.of("access", "team", "service_principal");
  private static final Address SECRET = Address.keyed("access", "team", "k8s_secret", "apps");
  private static final Address OTHER = Address.of("access", "other", "service_principal");

  private static ResourceState resource(Address a, List<Address> deps) {
    return new ResourceState(a, "t", "p", "id-" + a, Map.of("x", "y"), Map.of(), deps);
  }

  private static State state(ResourceState... resources) {
    return new State(State.FORMAT_VERSION, 7, "lineage", Optional.of("s"), "0", "", Optional.empty(), List.of(resources));
  }

  private static Moved block(String from, String to) {
    return new Moved(MoveEndpoint.block("access", from), MoveEndpoint.block("access", to), AT);
  }

  @Test
  void aMovedBlockReAddressesEveryResourceUnderItAndTheirDependencies() {
    State base = state(resource(SP, List.of()), resource(SECRET, List.of(SP)), resource(OTHER, List.of()));

    StateMoves.Result r = StateMoves.apply(base, List.of(block("team", "team[\"eu-1\"]")));

    Address newSp = Address.of("access", "team[\"eu-1\"]", "service_principal");
    Address newSecret = Address.keyed("access", "team[\"eu-1\"]", "k8s_secret", "apps");
    assertThat(r.moves()).containsExactlyInAnyOrder(new ResourceMove(SP, newSp), new ResourceMove(SECRET, newSecret));
    assertThat(r.state().resource(newSecret)).hasValueSatisfying(s -> {
      assertThat(s.id()).isEqualTo("id-" + SECRET);
      assertThat(s.dependsOn()).containsExactly(newSp);
    });
    assertThat(r.state().resource(SP)).isEmpty();
    assertThat(r.state().resource(OTHER)).isPresent();
    assertThat(r.state().serial()).isEqualTo(7);
  }

  @Test
  void aMovedBlockWhoseFromStateNoLongerHasDoesNothing() {
    State base = state(resource(OTHER, List.of()));

    StateMoves.Result r = StateMoves.apply(base, List.of(block("team", "team[\"eu-1\"]")));

    assertThat(r.moves()).isEmpty();
    assertThat(r.state()).isEqualTo(base);
  }

  @Test
  void aMoveOntoAnAddressStateAlreadyRecordsIsRefused() {
    State base = state(resource(SP, List.of()), resource(OTHER, List.of()));

    assertThatThrownBy(() -> StateMoves.apply(base, List.of(block("team", "other"))))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("main.pullplan.hcl:30:1")
        .hasMessageContaining("onto access.other.service_principal, which state already records");
  }

  @Test
  void aSingleResourceMoves() {
    Address to = Address.keyed("access", "other", "k8s_secret", "apps");
    State base = state(resource(SECRET, List.of()));

    StateMoves.Result r = StateMoves.apply(base,
        List.of(new Moved(MoveEndpoint.resource(SECRET), MoveEndpoint.resource(to), AT)));

    assertThat(r.moves()).containsExactly(new ResourceMove(SECRET, to));
  }
}
