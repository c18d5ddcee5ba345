package dev.pullplan.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourceGraphTest {
  private static final Address SP = Address.of("access", "a", "service_principal");
  private static final Address ROLE = Address.of("access", "a", "role_assignment");
  private static final Address SECRET = Address.keyed("access", "a", "k8s_secret", "apps");

  @Test
  void topologicalOrderPutsDependenciesFirst() {
    ResourceGraph g = new ResourceGraph().add(SECRET, Set.of(SP, ROLE)).add(ROLE, Set.of(SP)).add(SP, Set.of());

    assertThat(g.topologicalOrder()).containsExactly(SP, ROLE, SECRET);
  }

  @Test
  void cycleIsAnErrorNamingTheCycle() {
    ResourceGraph g = new ResourceGraph().add(SP, Set.of(SECRET)).add(SECRET, Set.of(ROLE)).add(ROLE, Set.of(SP));

    assertThatThrownBy(g::topologicalOrder)
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("dependency cycle:")
        .hasMessageContaining("access.a.k8s_secret[\"apps\"] -> access.a.role_assignment -> access.a.service_principal -> access.a.k8s_secret[\"apps\"]");
  }

  @Test
  void withDependenciesFollowsEdgesTransitively() {
    ResourceGraph g = new ResourceGraph().add(SECRET, Set.of(ROLE)).add(ROLE, Set.of(SP)).add(SP, Set.of());

    assertThat(g.withDependencies(List.of(SECRET))).containsExactlyInAnyOrder(SP, ROLE, SECRET);
    assertThat(g.allDependants(SP)).containsExactlyInAnyOrder(ROLE, SECRET);
  }

  @Test
  void dotHasAnEdgeFromEachResourceToItsDependency() {
    String dot = new ResourceGraph().add(SECRET, Set.of(SP)).add(SP, Set.of()).toDot();

    assertThat(dot).startsWith("digraph pullplan {");
    assertThat(dot).contains("\"access.a.k8s_secret[\\\"apps\\\"]\" -> \"access.a.service_principal\";");
  }
}
