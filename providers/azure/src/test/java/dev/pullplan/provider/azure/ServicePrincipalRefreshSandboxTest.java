package dev.pullplan.provider.azure;

import static dev.pullplan.provider.azure.SandboxAzure.desired;
import static dev.pullplan.provider.azure.SandboxAzure.readAfter;
import static dev.pullplan.provider.azure.SandboxAzure.readNew;
import static dev.pullplan.provider.azure.SandboxAzure.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.authorization.fluent.MicrosoftGraphClient;
import com.azure.resourcemanager.authorization.fluent.models.MicrosoftGraphApplicationInner;
import dev.pullplan.address.Address;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.sandbox.azure.SandboxOptions;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ProviderSession;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.testing.TestRun;
import dev.pullplan.testing.TestStacks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refresh of a stack's service principals through the real SDK against the sandbox, whose Graph
 * answers lists in pages of four: the Graph calls are a list per stack, not a call per access.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServicePrincipalRefreshSandboxTest {
  private static final int PAGE = 4;

  SandboxAzure azure;

  @BeforeAll
  void start(@TempDir Path tmp) {
    azure = new SandboxAzure(tmp, SandboxOptions.defaults().withPageSize(PAGE), d -> Duration.ofMillis(10));
  }

  @AfterAll
  void stop() {
    azure.close();
  }

  /** A run of the stack of that name: its applications are tagged with it. */
  private TestRun run(String stack) {
    return new TestRun(TestStacks.stack().aks("legacy", "aks-legacy").dir(Path.of(stack)).build(), azure.environment);
  }

  private static Desired servicePrincipal(String stack, String access) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("stack", stack);
    attrs.put("registry", "shared");
    attrs.put("display_name", "pullplan-" + stack + "-" + access);
    attrs.put("expires_after", "90d");
    return desired(Address.of("access", access, "service_principal"), ResourceTypes.AZURE_SERVICE_PRINCIPAL, attrs);
  }

  private static List<Desired> servicePrincipals(String stack, int count) {
    return IntStream.range(0, count).mapToObj(i -> servicePrincipal(stack, "team" + i)).toList();
  }

  private List<ResourceState> applied(String stack, List<Desired> accesses) {
    TestRun run = run(stack);
    ProviderSession session = new AzureProvider().open(run);
    return accesses.stream()
        .map(d -> state(d, session.handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL).create(d, run))).toList();
  }

  /** What a refresh does: prefetch every read, then read each. */
  private static List<Observed> refresh(ProviderSession session, List<ReadRequest> reads) {
    session.prefetch(reads);
    return reads.stream().map(r -> session.handler(r.type()).read(r)).toList();
  }

  private static List<ReadRequest> recorded(List<ResourceState> states) {
    return states.stream().map(s -> readAfter(desiredOf(s), s)).toList();
  }

  private static Desired desiredOf(ResourceState state) {
    return servicePrincipal(state.string("stack"), state.address().blockName());
  }

  /** The calls a refresh of the stack's recorded service principals makes, by name. */
  private Map<String, Integer> callsOfRefresh(String stack, int accesses) {
    List<ResourceState> states = applied(stack, servicePrincipals(stack, accesses));
    TestRun run = run(stack);
    List<Observed> seen = refresh(new AzureProvider().open(run), recorded(states));
    assertThat(seen).allMatch(Observed.Present.class::isInstance);
    return run.calls.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
  }

  @Test
  void aRefreshOfFourServicePrincipalsMakesTheCallsOfARefreshOfOne() {
    Map<String, Integer> one = callsOfRefresh("solo", 1);
    Map<String, Integer> four = callsOfRefresh("quartet", 4);

    assertThat(four).isEqualTo(one).containsEntry("azure: GET applications", 1);
  }

  @Test
  void theStacksApplicationsAreReadFromEveryPageOfTheList() {
    Map<String, Integer> nine = callsOfRefresh("fleet", 2 * PAGE + 1);

    assertThat(nine).containsEntry("azure: GET applications", 3);
  }

  @Test
  void anApplicationDeletedOutsidePullplanReadsAsAbsentAndTheOthersAsPresent() {
    List<ResourceState> states = applied("gone", servicePrincipals("gone", 2));
    graph().getApplicationsApplications().deleteApplication(states.get(0).id());

    TestRun run = run("gone");
    List<Observed> seen = refresh(new AzureProvider().open(run), recorded(states));

    assertThat(seen.get(0)).isInstanceOf(Observed.Absent.class);
    assertThat(seen.get(1)).isInstanceOf(Observed.Present.class);
    // the list, and one question by id for the application it no longer holds
    assertThat(run.calls("azure: GET applications")).isEqualTo(2);
  }

  @Test
  void anApplicationWhoseTagsWereRemovedIsStillReadByItsId() {
    List<ResourceState> states = applied("untagged", servicePrincipals("untagged", 1));
    graph().getApplicationsApplications().updateApplication(states.get(0).id(),
        new MicrosoftGraphApplicationInner().withTags(List.of()));

    TestRun run = run("untagged");
    List<Observed> seen = refresh(new AzureProvider().open(run), recorded(states));

    assertThat(seen.get(0)).isInstanceOf(Observed.Present.class);
    assertThat(run.calls("azure: GET applications")).isEqualTo(2);
  }

  @Test
  void newAccessesAreCheckedForNameClashesWithOneListAndAStrangersApplicationIsForeign() {
    String taken = "pullplan-clash-team1";
    String stranger = graph().getApplicationsApplications()
        .createApplication(new MicrosoftGraphApplicationInner().withDisplayName(taken)).id();
    TestRun run = run("clash");

    List<Observed> seen = refresh(new AzureProvider().open(run),
        servicePrincipals("clash", 3).stream().map(SandboxAzure::readNew).toList());

    assertThat(seen).extracting(o -> o.getClass().getSimpleName()).containsExactly("Absent", "Foreign", "Absent");
    assertThat(run.calls("azure: GET applications")).isEqualTo(1);
    graph().getApplicationsApplications().deleteApplication(stranger);
  }

  @Test
  void anApplicationMadeAfterTheListingIsReadFromGraph() {
    List<ResourceState> earlier = applied("late", servicePrincipals("late", 1));
    TestRun run = run("late");
    ProviderSession session = new AzureProvider().open(run);
    refresh(session, recorded(earlier));
    Desired access = servicePrincipal("late", "team1");

    ResourceState made = state(access, session.handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL).create(access, run));

    assertThat(session.handler(ResourceTypes.AZURE_SERVICE_PRINCIPAL).read(readAfter(access, made)))
        .isInstanceOf(Observed.Present.class);
  }

  private MicrosoftGraphClient graph() {
    return SdkAccess.connection(azure).home().authorization().serviceClient();
  }
}
