package dev.pullplan.provider.kubernetes;

import static dev.pullplan.provider.kubernetes.KubeFixture.apply;
import static dev.pullplan.provider.kubernetes.KubeFixture.inStack;
import static dev.pullplan.provider.kubernetes.KubeFixture.namespace;
import static dev.pullplan.provider.kubernetes.KubeFixture.present;
import static dev.pullplan.provider.kubernetes.KubeFixture.read;
import static dev.pullplan.provider.kubernetes.KubeFixture.readForDelete;
import static dev.pullplan.provider.kubernetes.KubeFixture.readNew;
import static dev.pullplan.provider.kubernetes.KubeFixture.session;
import static dev.pullplan.provider.kubernetes.KubeFixture.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.address.Address;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.spi.Applied;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamespaceHandlerTest {
  @TempDir Path dir;
  private KubeFixture fx;
  private RecordingRun run;
  private KubernetesSession session;
  private ResourceHandler namespaces;
  private KubernetesClient partner;

  @BeforeEach
  void start() {
    fx = new KubeFixture(dir);
    run = fx.run();
    session = session(run);
    namespaces = session.handler(ResourceTypes.K8S_NAMESPACE);
    partner = fx.sandbox.client("partner");
  }

  @AfterEach
  void stop() {
    session.close();
    fx.close();
  }

  @Test
  void createMakesTheNamespaceWithItsLabelsAndOwnership() {
    namespaces.create(namespace("partner", "vision", Map.of("team", "vision")), apply(run));

    Namespace ns = partner.namespaces().withName("vision").get();
    assertThat(ns.getMetadata().getLabels())
        .containsEntry("team", "vision").containsEntry("app.kubernetes.io/managed-by", "pullplan");
    assertThat(ns.getMetadata().getAnnotations()).containsEntry("pullplan.dev/address", "namespace.vision.k8s_namespace");
  }

  @Test
  void aCreateWhoseAnswerWasLostAfterTheNamespaceWasStoredSucceedsWhenFabric8RetriesIt() {
    fx.sandbox.loseAnswers("partner", "POST", "/api/v1/namespaces", 1);

    Applied applied = namespaces.create(namespace("partner", "vision", Map.of("team", "vision")), apply(run));

    assertThat(applied.id()).isEqualTo("vision");
    assertThat(partner.namespaces().withName("vision").get().getMetadata().getLabels()).containsEntry("team", "vision");
    assertThat(fx.sandbox.calls()).containsEntry("create namespaces", 2L); // fabric8 did retry the stored create
  }

  @Test
  void readAfterCreateIsPresentWithEqualAttributes() {
    Desired d = namespace("partner", "vision", Map.of("team", "vision"));
    Applied applied = namespaces.create(d, apply(run));

    Observed.Present p = present(namespaces.read(read(d, state(d, applied))));

    assertThat(p.attributes()).isEqualTo(applied.attributes());
  }

  @Test
  void labelsOthersAddAreNotComparedAndUpdateKeepsThem() {
    Desired d = namespace("partner", "vision", Map.of("team", "vision"));
    ResourceState prior = state(d, namespaces.create(d, apply(run)));
    partner.namespaces().resource(new NamespaceBuilder(partner.namespaces().withName("vision").get())
        .editMetadata().addToLabels("istio-injection", "enabled").endMetadata().build()).update();
    Desired relabelled = namespace("partner", "vision", Map.of("team", "robots", "tier", "edge"));

    Observed.Present unchanged = present(session(run).handler(ResourceTypes.K8S_NAMESPACE).read(read(d, prior)));
    namespaces.update(relabelled, prior, apply(run));

    Map<String, Object> recorded = new java.util.LinkedHashMap<>(prior.attributes());
    // how to reach the cluster is the engine's to carry, not the read's to report
    recorded.remove(dev.pullplan.expand.Expander.CLUSTER_CONNECTION);
    assertThat(unchanged.attributes()).isEqualTo(recorded);
    assertThat(partner.namespaces().withName("vision").get().getMetadata().getLabels())
        .containsEntry("team", "robots").containsEntry("tier", "edge").containsEntry("istio-injection", "enabled")
        .containsEntry("app.kubernetes.io/managed-by", "pullplan");
  }

  @Test
  void anExistingNamespacePullplanDidNotCreateIsForeign() {
    assertThat(namespaces.read(readNew(namespace("partner", "edge", Map.of()))))
        .isInstanceOfSatisfying(Observed.Foreign.class, f -> assertThat(f.hint()).contains("create = false"));
  }

  @Test
  void deleteRemovesANamespacePullplanCreatedAndTheReadSaysWhatThatMeans() {
    Desired d = namespace("partner", "vision", Map.of());
    ResourceState prior = state(d, namespaces.create(d, apply(run)));

    Observed.Present p = present(session(run).handler(ResourceTypes.K8S_NAMESPACE).read(readForDelete(prior)));
    namespaces.delete(prior, apply(run));
    namespaces.delete(prior, apply(run));

    assertThat(p.context()).anyMatch(line -> line.contains("deletes every object in it"));
    assertThat(partner.namespaces().withName("vision").get()).isNull();
  }

  @Test
  void aNamespaceStateRecordsUnderTheAddressAMovedBlockGaveItIsStillPullplansToDelete() {
    Desired d = namespace("partner", "vision", Map.of());
    ResourceState made = state(d, namespaces.create(d, apply(run)));
    ResourceState moved = new ResourceState(Address.of("namespace", "robots",
        ResourceTypes.K8S_NAMESPACE), made.type(), made.provider(), made.id(), made.attributes(), Map.of(), List.of());

    Observed.Present p = present(session(run).handler(ResourceTypes.K8S_NAMESPACE).read(readForDelete(moved)));
    namespaces.delete(moved, apply(run));

    assertThat(p.context()).anyMatch(line -> line.contains("deletes every object in it"));
    assertThat(partner.namespaces().withName("vision").get()).isNull();
  }

  @Test
  void deleteForgetsANamespacePullplanDidNotCreateAndLeavesItInTheCluster() {
    Desired d = namespace("partner", "edge", Map.of());
    ResourceState imported = new ResourceState(d.address(), d.type(), "kubernetes", "edge", d.attributes(), Map.of(),
        List.of());

    Observed.Present p = present(session(run).handler(ResourceTypes.K8S_NAMESPACE).read(readForDelete(imported)));
    namespaces.delete(imported, apply(run));

    assertThat(p.context()).singleElement().asString().contains("the apply forgets it and leaves the namespace");
    assertThat(run.warnings).singleElement().asString().contains("namespace edge", "forgotten, not deleted");
    assertThat(partner.namespaces().withName("edge").get()).isNotNull();
  }

  @Test
  void createRefusesToAdoptAnExistingNamespace() {
    assertThatThrownBy(() -> namespaces.create(namespace("partner", "edge", Map.of("x", "y")), apply(run)))
        .hasMessageContaining("already exists and was not created by pullplan");
    assertThat(partner.namespaces().withName("edge").get().getMetadata().getLabels()).doesNotContainKey("x");
  }

  @Test
  void aNamespaceAnotherStackCreatedAtTheSameAddressIsForeignAndNeverAdoptedOrDeleted() {
    namespaces.create(namespace("partner", "vision", Map.of()), apply(run));
    Desired other = inStack(namespace("partner", "vision", Map.of()), "other");
    ResourceState otherPrior = new ResourceState(other.address(), other.type(), "kubernetes", "vision",
        other.attributes(), Map.of(), List.of());

    assertThat(session(run).handler(ResourceTypes.K8S_NAMESPACE).read(readNew(other)))
        .isInstanceOfSatisfying(Observed.Foreign.class, f -> assertThat(f.description()).contains("stack fleet"));
    assertThatThrownBy(() -> namespaces.create(other, apply(run))).hasMessageContaining("already exists");
    namespaces.delete(otherPrior, apply(run));
    assertThat(partner.namespaces().withName("vision").get().getMetadata().getAnnotations())
        .containsEntry("pullplan.dev/stack", "fleet");
  }
}
