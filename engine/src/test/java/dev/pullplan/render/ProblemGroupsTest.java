package dev.pullplan.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.diag.Diagnostic;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProblemGroupsTest {
  @Test
  void oneCauseIsOneErrorWithTheAffectedAddressesUnderIt() {
    Optional<String> hint = Optional.of("check the subscription id");
    List<Diagnostic> problems = List.of(
        Diagnostic.about("registry.shared.acr", "subscription s1 not found", hint),
        Diagnostic.about("access.a.role_assignment", "subscription s1 not found", hint),
        Diagnostic.about("access.b.role_assignment", "subscription s1 not found", hint),
        Diagnostic.about("access.c.k8s_secret[\"x\"]", "cluster unreachable", Optional.empty()));

    List<String> groups = ProblemGroups.render(problems, Style.PLAIN);

    assertThat(groups).containsExactly(
        "Error: subscription s1 not found\n  for 3 resources:\n    registry.shared.acr\n    access.a.role_assignment\n"
            + "    access.b.role_assignment\n  check the subscription id\n",
        "Error: access.c.k8s_secret[\"x\"]: cluster unreachable\n");
  }
}
