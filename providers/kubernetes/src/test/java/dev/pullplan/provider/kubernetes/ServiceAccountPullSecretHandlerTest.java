package dev.pullplan.provider.kubernetes;

import static dev.pullplan.provider.kubernetes.KubeFixture.apply;
import static dev.pullplan.provider.kubernetes.KubeFixture.present;
import static dev.pullplan.provider.kubernetes.KubeFixture.read;
import static dev.pullplan.provider.kubernetes.KubeFixture.readNew;
import static dev.pullplan.provider.kubernetes.KubeFixture.saEntry;
import static dev.pullplan.provider.kubernetes.KubeFixture.session;
import static dev.pullplan.provider.kubernetes.KubeFixture.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.PullplanException;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.sandbox.kube.KubeFault;
import dev.pullplan.spi.Applied;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.RunOptions;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAccountPullSecretHandlerTest {
  @TempDir Path dir;
  private KubeFixture fx;
  private RecordingRun run;
  private KubernetesSession session;
  private ResourceHandler entries;
  private KubernetesClient partner;

  @BeforeEach
  void start() {
    fx = new KubeFixture(dir);
    run = fx.run();
    session = session(run);
    entries = session.handler(ResourceTypes.K8S_SA_PULL_SECRET);
    partner = fx.sandbox.client("partner");
  }

  @AfterEach
  void stop() {
    session.close();
    fx.close();
  }

  @Test
  void createAddsOurEntryAndKeepsTheForeignOne() {
    entries.create(saEntry("partner", "edge", "default", "partner-pull"), apply(run));

    ServiceAccount sa = sa("edge", "default");
    assertThat(names(sa)).containsExactly("legacy-pull", "partner-pull");
    assertThat(sa.getMetadata().getAnnotations()).containsEntry("pullplan.dev/pull-secrets", "partner-pull");
  }

  @Test
  void readAfterCreateIsPresentWithEqualAttributesAndTheForeignEntryAsContext() {
    Desired d = saEntry("partner", "edge", "default", "partner-pull");
    Applied applied = entries.create(d, apply(run));

    Observed.Present p = present(session(run).handler(ResourceTypes.K8S_SA_PULL_SECRET).read(read(d, state(d, applied))));

    assertThat(p.attributes()).isEqualTo(applied.attributes());
    assertThat(p.context()).containsExactly("also lists: legacy-pull (not managed)");
  }

  @Test
  void readIsAbsentWhileTheAccountDoesNotListTheSecret() {
    assertThat(entries.read(readNew(saEntry("partner", "edge", "default", "partner-pull"))))
        .isInstanceOf(Observed.Absent.class);
  }

  @Test
  void deleteRemovesOnlyOurEntry() {
    Desired d = saEntry("partner", "edge", "default", "partner-pull");
    ResourceState prior = state(d, entries.create(d, apply(run)));

    entries.delete(prior, apply(run));

    ServiceAccount sa = sa("edge", "default");
    assertThat(names(sa)).containsExactly("legacy-pull");
    assertThat(sa.getMetadata().getAnnotations()).doesNotContainKey("pullplan.dev/pull-secrets");
  }

  @Test
  void deleteLeavesAnEntryPullplanDidNotAdd() {
    Desired d = saEntry("partner", "edge", "default", "legacy-pull");
    Observed o = entries.read(readNew(d));
    ResourceState prior = new ResourceState(d.address(), d.type(), "kubernetes", present(o).id(), d.attributes(),
        java.util.Map.of(), List.of());

    entries.delete(prior, apply(run));

    assertThat(present(o).context()).anyMatch(line -> line.contains("listed legacy-pull before pullplan"));
    assertThat(names(sa("edge", "default"))).containsExactly("legacy-pull");
  }

  @Test
  void deleteWhenTheAccountIsGoneSucceeds() {
    Desired d = saEntry("partner", "robotics", "builder", "partner-pull");
    ResourceState prior = new ResourceState(d.address(), d.type(), "kubernetes", "robotics/builder/partner-pull",
        d.attributes(), java.util.Map.of(), List.of());

    entries.delete(prior, apply(run));

    assertThat(partner.serviceAccounts().inNamespace("robotics").withName("builder").get()).isNull();
  }

  @Test
  void aChangeBetweenRefreshAndApplyIsRetriedAndBothChangesSurvive() {
    Desired d = saEntry("partner", "edge", "default", "partner-pull");
    session.prefetch(List.of(readNew(d)));
    entries.read(readNew(d));
    ServiceAccount raced = new ServiceAccountBuilder(sa("edge", "default"))
        .addToImagePullSecrets(new LocalObjectReference("added-meanwhile")).build();
    partner.serviceAccounts().inNamespace("edge").resource(raced).update();
    run.calls.clear();

    entries.create(d, apply(run));

    assertThat(names(sa("edge", "default"))).containsExactly("legacy-pull", "added-meanwhile", "partner-pull");
    assertThat(run.calls("kubernetes: update serviceaccounts")).isEqualTo(2);
  }

  @Test
  void anApplyAboutToChangeEntriesListsTheClustersAccountsBeforeItsFirstChange() {
    Desired a = saEntry("partner", "edge", "default", "a-pull");
    Desired b = saEntry("partner", "edge", "default", "b-pull");

    session.applying(List.of(readNew(a), readNew(b)));

    assertThat(run.calls("kubernetes: list serviceaccounts")).isEqualTo(1);
    entries.create(a, apply(run));
    entries.create(b, apply(run));
    assertThat(names(sa("edge", "default"))).containsExactly("legacy-pull", "a-pull", "b-pull");
    assertThat(run.calls("kubernetes: list serviceaccounts")).isEqualTo(1);
    assertThat(run.calls("kubernetes: update serviceaccounts")).isEqualTo(2);
  }

  @Test
  void anApplyThatAlsoChangesNamespacesOfTheClusterListsItsAccountsOnlyWhenAnEntryNeedsThem() {
    Desired ns = KubeFixture.namespace("partner", "fresh", java.util.Map.of());
    Desired entry = saEntry("partner", "fresh", "default", "a-pull");

    session.applying(List.of(readNew(ns), readNew(entry)));

    assertThat(run.calls("kubernetes: list serviceaccounts")).isZero();
  }

  @Test
  void entriesAppliedWithoutARefreshListTheAccountsOnceInsteadOfAGetEach() {
    entries.create(saEntry("partner", "edge", "default", "a-pull"), apply(run));
    entries.create(saEntry("partner", "edge", "default", "b-pull"), apply(run));

    assertThat(names(sa("edge", "default"))).containsExactly("legacy-pull", "a-pull", "b-pull");
    assertThat(run.calls("kubernetes: list serviceaccounts")).isEqualTo(1);
    assertThat(run.calls("kubernetes: get serviceaccounts")).isZero();
    assertThat(run.calls("kubernetes: update serviceaccounts")).isEqualTo(2);
  }

  @Test
  void createWaitsForTheDefaultAccountOfANamespaceCreatedInTheSameApply() {
    partner.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("fresh").endMetadata().build())
        .create();

    entries.create(saEntry("partner", "fresh", "default", "partner-pull"), apply(run));

    assertThat(names(sa("fresh", "default"))).containsExactly("partner-pull");
  }

  @Test
  void createFailsClearlyWhenTheAccountNeverAppears() {
    KubernetesSession shortWait = new KubernetesSession(run, Duration.ofSeconds(1));

    assertThatThrownBy(() -> shortWait.handler(ResourceTypes.K8S_SA_PULL_SECRET)
            .create(saEntry("partner", "robotics", "builder", "partner-pull"), apply(run)))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("serviceaccount robotics/builder in cluster \"partner\"")
        .hasMessageContaining("never creates ServiceAccounts");
    assertThat(run.progress).anyMatch(line -> line.startsWith("waiting for serviceaccount robotics/builder"));
    assertThat(partner.serviceAccounts().inNamespace("robotics").withName("builder").get()).isNull();
  }

  @Test
  void afterAddingTheEntryPodsAdmittedWithoutItThatFailToPullAreReportedWithTheirOwner() {
    failingToPull("edge", "web-1");
    partner.pods().inNamespace("edge").resource(new PodBuilder()
        .withNewMetadata().withName("healthy").withNamespace("edge").endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("ghcr.io/acme/ok:1").endContainer().endSpec()
        .build()).create();

    entries.create(saEntry("partner", "edge", "default", "partner-pull"), apply(run));
    session.applied();

    assertThat(run.warnings).singleElement().satisfies(w -> assertThat(w)
        .contains("pod edge/web-1", "ImagePullBackOff", "ReplicaSet/web-5d9c", "partner-pull"));
  }

  @Test
  void restartStaleRollsTheDeploymentBehindAStalePodOnce() {
    partner.apps().deployments().inNamespace("edge").resource(new DeploymentBuilder()
        .withNewMetadata().withName("web").withNamespace("edge").endMetadata()
        .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("web").withImage("ghcr.io/acme/web:1")
        .endContainer().endSpec().endTemplate().endSpec().build()).create();
    partner.apps().replicaSets().inNamespace("edge").resource(new ReplicaSetBuilder()
        .withNewMetadata().withName("web-5d9c").withNamespace("edge")
        .addNewOwnerReference().withKind("Deployment").withName("web").withApiVersion("apps/v1").withController(true)
        .withUid("d1").endOwnerReference().endMetadata().build()).create();
    for (String pod : List.of("web-1", "web-2")) {
      partner.pods().inNamespace("edge").resource(new PodBuilder()
          .withNewMetadata().withName(pod).withNamespace("edge")
          .addNewOwnerReference().withKind("ReplicaSet").withName("web-5d9c").withApiVersion("apps/v1")
          .withController(true).withUid("r1").endOwnerReference().endMetadata()
          .withNewSpec().addNewContainer().withName("web").withImage("ghcr.io/acme/web:1").endContainer().endSpec()
          .withNewStatus().addNewContainerStatus().withName("web").withNewState().withNewWaiting()
          .withReason("ErrImagePull").endWaiting().endState().endContainerStatus().endStatus()
          .build()).create();
    }
    run.options = new RunOptions(true);

    entries.create(saEntry("partner", "edge", "default", "partner-pull"), apply(run));
    session.applied();

    assertThat(partner.apps().deployments().inNamespace("edge").withName("web").get().getSpec().getTemplate()
        .getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt");
    assertThat(run.warnings).containsExactly(
        "restarted Deployment/web in namespace edge in cluster \"partner\" so its pods get the pull secret");
  }

  @Test
  void anEntryAddedWhilePodsMayNotBeListedIsAppliedWithAWarningInsteadOfFailing() {
    fx.sandbox.inject("partner", KubeFault.forbidden("GET", "/api/v1/namespaces/edge/pods"));

    Applied applied = entries.create(saEntry("partner", "edge", "default", "partner-pull"), apply(run));
    session.applied();

    assertThat(applied.id()).isEqualTo("edge/default/partner-pull");
    assertThat(names(sa("edge", "default"))).contains("partner-pull");
    assertThat(run.warnings).singleElement().satisfies(w -> assertThat(w)
        .contains("could not check", "list pods in namespace edge is forbidden"));
  }

  @Test
  void restartStaleSaysSoWhenTheOwnerOfAStalePodIsAlreadyGone() {
    partner.apps().replicaSets().inNamespace("edge").resource(new ReplicaSetBuilder()
        .withNewMetadata().withName("old-5d9c").withNamespace("edge")
        .addNewOwnerReference().withKind("Deployment").withName("old").withApiVersion("apps/v1").withController(true)
        .withUid("d1").endOwnerReference().endMetadata().build()).create();
    partner.pods().inNamespace("edge").resource(new PodBuilder()
        .withNewMetadata().withName("old-1").withNamespace("edge")
        .addNewOwnerReference().withKind("ReplicaSet").withName("old-5d9c").withApiVersion("apps/v1")
        .withController(true).withUid("r1").endOwnerReference().endMetadata()
        .withNewSpec().addNewContainer().withName("old").withImage("ghcr.io/acme/old:1").endContainer().endSpec()
        .withNewStatus().addNewContainerStatus().withName("old").withNewState().withNewWaiting()
        .withReason("ImagePullBackOff").endWaiting().endState().endContainerStatus().endStatus()
        .build()).create();
    run.options = new RunOptions(true);

    entries.create(saEntry("partner", "edge", "default", "partner-pull"), apply(run));
    session.applied();

    assertThat(names(sa("edge", "default"))).contains("partner-pull");
    assertThat(run.warnings).singleElement().satisfies(w -> assertThat(w)
        .contains("Deployment/old in namespace edge", "no longer exists"));
  }

  @Test
  void entriesInSeveralNamespacesAreCheckedAfterwardsWithOneListOfTheClustersPods() {
    failingToPull("edge", "web-1");
    failingToPull("robotics", "arm-1");

    entries.create(saEntry("partner", "edge", "default", "partner-pull"), apply(run));
    entries.create(saEntry("partner", "robotics", "default", "partner-pull"), apply(run));
    assertThat(run.calls("kubernetes: list pods")).isZero();
    session.applied();

    assertThat(run.calls("kubernetes: list pods")).isEqualTo(1);
    assertThat(run.warnings).hasSize(2)
        .anySatisfy(w -> assertThat(w).contains("pod edge/web-1", "ImagePullBackOff"))
        .anySatisfy(w -> assertThat(w).contains("pod robotics/arm-1", "ImagePullBackOff"));
  }

  /** A pod of ReplicaSet web-5d9c, running as the namespace's default account, in ImagePullBackOff. */
  private void failingToPull(String namespace, String name) {
    partner.pods().inNamespace(namespace).resource(new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace)
        .addNewOwnerReference().withKind("ReplicaSet").withName("web-5d9c").withApiVersion("apps/v1")
        .withUid("u1").endOwnerReference().endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("ghcr.io/acme/web:1").endContainer().endSpec()
        .withNewStatus().addNewContainerStatus().withName("web").withNewState().withNewWaiting()
        .withReason("ImagePullBackOff").endWaiting().endState().endContainerStatus().endStatus()
        .build()).create();
  }

  private ServiceAccount sa(String namespace, String name) {
    return partner.serviceAccounts().inNamespace(namespace).withName(name).get();
  }

  private static List<String> names(ServiceAccount sa) {
    return sa.getImagePullSecrets().stream().map(LocalObjectReference::getName).toList();
  }
}
