package dev.pullplan.sandbox.azure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ABAC conditions in the shapes of Microsoft's ACR examples, evaluated for a pull. */
class RepositoryConditionTest {
  private static final String READ = Authorization.REPOSITORY_READ;
  private static final String WRITE = "Microsoft.ContainerRegistry/registries/repositories/content/write";

  private static String onlyReadsOf(String expression) {
    return "( (  !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'})  AND"
        + "  !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'}) ) OR  ( "
        + expression + " ))";
  }

  private static String name(String operator, String value) {
    return "@Request[Microsoft.ContainerRegistry/registries/repositories:name] " + operator + " '" + value + "'";
  }

  @Test
  void stringEqualsIgnoreCaseAllowsOnlyThatRepository() {
    String condition = onlyReadsOf(name("StringEqualsIgnoreCase", "nginx"));

    assertThat(RepositoryCondition.allows(condition, READ, "NGINX")).isTrue();
    assertThat(RepositoryCondition.allows(condition, READ, "nginx2")).isFalse();
  }

  @Test
  void stringStartsWithAPrefixWithItsSlashAllowsTheRepositoriesUnderIt() {
    String condition = onlyReadsOf(name("StringStartsWith", "edge/"));

    assertThat(RepositoryCondition.allows(condition, READ, "edge/sim")).isTrue();
    assertThat(RepositoryCondition.allows(condition, READ, "edge-infra/k8s")).isFalse();
    assertThat(RepositoryCondition.allows(condition, READ, "Edge/sim")).as("case-sensitive").isFalse();
  }

  @Test
  void severalPrefixesJoinedByOrEachAllow() {
    String condition = onlyReadsOf(name("StringStartsWithIgnoreCase", "backend/") + " OR "
        + name("StringStartsWithIgnoreCase", "frontend/js/"));

    assertThat(RepositoryCondition.allows(condition, READ, "frontend/js/react")).isTrue();
    assertThat(RepositoryCondition.allows(condition, READ, "frontend/css")).isFalse();
  }

  @Test
  void stringLikeMatchesWildcards() {
    assertThat(RepositoryCondition.allows(onlyReadsOf(name("StringLike", "team-*/app")), READ, "team-a/app")).isTrue();
    assertThat(RepositoryCondition.allows(onlyReadsOf(name("StringLike", "team-*/app")), READ, "team-a/db")).isFalse();
  }

  @Test
  void actionsTheConditionDoesNotRestrictAreLeftToTheRole() {
    assertThat(RepositoryCondition.allows(onlyReadsOf(name("StringEquals", "nginx")), WRITE, "other")).isTrue();
  }

  @Test
  void aConditionThatCannotBeReadGrantsNothing() {
    assertThat(RepositoryCondition.allows("@Request[Microsoft.ContainerRegistry/registries/repositories:name]"
        + " StringSoundsLike 'edge/'", READ, "edge/sim")).isFalse();
    assertThat(RepositoryCondition.allows(onlyReadsOf(name("StringEquals", "edge/sim")) + ")", READ, "edge/sim"))
        .isFalse();
    assertThat(RepositoryCondition.allows("@Resource[Microsoft.Storage/storageAccounts:name] StringEquals 'x'",
        READ, "x")).isFalse();
  }
}
