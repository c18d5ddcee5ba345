package dev.pullplan.provider.kubernetes;

import static dev.pullplan.provider.kubernetes.KubeFixture.PASSWORD;
import static dev.pullplan.provider.kubernetes.KubeFixture.namespace;
import static dev.pullplan.provider.kubernetes.KubeFixture.apply;
import static dev.pullplan.provider.kubernetes.KubeFixture.inStack;
import static dev.pullplan.provider.kubernetes.KubeFixture.present;
import static dev.pullplan.provider.kubernetes.KubeFixture.read;
import static dev.pullplan.provider.kubernetes.KubeFixture.readNew;
import static dev.pullplan.provider.kubernetes.KubeFixture.secret;
import static dev.pullplan.provider.kubernetes.KubeFixture.session;
import static dev.pullplan.provider.kubernetes.KubeFixture.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.PullplanException;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.spi.Applied;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Importable;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretHandlerTest {
  @TempDir Path dir;
  private KubeFixture fx;
  private RecordingRun run;
  private KubernetesSession session;
  private ResourceHandler secrets;
  private KubernetesClient partner;

  @BeforeEach
  void start() {
    fx = new KubeFixture(dir);
    run = fx.run();
    session = session(run);
    secrets = session.handler(ResourceTypes.K8S_SECRET);
    partner = fx.sandbox.client("partner");
  }

  @AfterEach
  void stop() {
    session.close();
    fx.close();
  }

  @Test
  void createMakesADockerconfigjsonSecretLabelledAndAnnotatedAsPullplans() {
    Desired d = secret("partner", "edge", "partner-pull", "robot", PASSWORD);

    secrets.create(d, apply(run));

    Secret s = partner.secrets().inNamespace("edge").withName("partner-pull").get();
    assertThat(s.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
    assertThat(s.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "pullplan");
    assertThat(s.getMetadata().getAnnotations())
        .containsEntry("pullplan.dev/stack", "fleet")
        .containsEntry("pullplan.dev/address", "access.partner.k8s_secret[\"edge\"]");
    // an unkeyed hash of server, username and password would let anyone who reads annotations test
    // guesses of a weak password offline
    assertThat(s.getMetadata().getAnnotations()).doesNotContainKey("pullplan.dev/credential-fingerprint");
    assertThat(s.getMetadata().getAnnotations().values()).noneMatch(v -> v.contains(PASSWORD));
    assertThat(decode(s)).isEqualTo("{\"auths\":{\"ghcr.io\":{\"username\":\"robot\",\"password\":\"" + PASSWORD
        + "\",\"auth\":\"" + Base64.getEncoder().encodeToString(("robot:" + PASSWORD).getBytes()) + "\"}}}");
  }

  @Test
  void readAfterCreateIsPresentWithTheAppliedAttributesAndThePassword() {
    Desired d = secret("partner", "edge", "partner-pull", "robot", PASSWORD);
    Applied applied = secrets.create(d, apply(run));

    Observed.Present p = present(secrets.read(read(d, state(d, applied))));

    assertThat(p.attributes()).isEqualTo(applied.attributes());
    assertThat(p.attributes()).containsEntry("username", "robot").containsEntry("server", "ghcr.io")
        .doesNotContainValue(PASSWORD);
    assertThat(p.sensitive()).containsEntry("password", PASSWORD);
  }

  @Test
  void readOfAMissingSecretIsAbsent() {
    assertThat(secrets.read(readNew(secret("partner", "robotics", "partner-pull", "robot", PASSWORD))))
        .isInstanceOf(Observed.Absent.class);
  }

  @Test
  void aSecretInANamespaceThatDoesNotExistIsAPlanErrorNamingTheClosestOne() {
    Observed o = secrets.read(readNew(secret("partner", "robotcis", "pull", "robot", PASSWORD)));

    assertThat(o).isInstanceOfSatisfying(Observed.Unreadable.class, u -> assertThat(u.message())
        .contains("namespace robotcis does not exist in cluster \"partner\"", "did you mean robotics?", "create = true"));
  }

  @Test
  void aSecretInANamespaceTheConfigCreatesIsAbsent() {
    KubernetesSession session = session(run);
    ReadRequest secret = readNew(secret("partner", "fresh", "pull", "robot", PASSWORD));
    session.prefetch(List.of(readNew(namespace("partner", "fresh", Map.of())), secret));

    assertThat(session.handler(ResourceTypes.K8S_SECRET).read(secret)).isInstanceOf(Observed.Absent.class);
  }

  @Test
  void readShowsAPasswordChangedOutsidePullplan() {
    Desired d = secret("partner", "edge", "partner-pull", "robot", PASSWORD);
    ResourceState prior = state(d, secrets.create(d, apply(run)));
    Secret s = partner.secrets().inNamespace("edge").withName("partner-pull").get();
    String tampered = DockerConfigJson.encode(new RegistryLogin("ghcr.io", "robot", "changed-by-hand"));
    s.setData(Map.of(".dockerconfigjson", DockerConfigJson.base64(tampered)));
    partner.secrets().inNamespace("edge").resource(s).update();

    Observed.Present p = present(session(run).handler(ResourceTypes.K8S_SECRET).read(read(d, prior)));

    assertThat(p.sensitive()).containsEntry("password", "changed-by-hand");
  }

  @Test
  void updateWritesTheNewPasswordOverTheReadResourceVersion() {
    Desired d = secret("partner", "edge", "partner-pull", "robot", PASSWORD);
    ResourceState prior = state(d, secrets.create(d, apply(run)));
    String before = partner.secrets().inNamespace("edge").withName("partner-pull").get().getMetadata()
        .getResourceVersion();
    Desired rotated = secret("partner", "edge", "partner-pull", "robot", "new-Pa55word");

    secrets.read(read(rotated, prior));
    secrets.update(rotated, prior, apply(run));

    Secret s = partner.secrets().inNamespace("edge").withName("partner-pull").get();
    assertThat(s.getMetadata().getResourceVersion()).isNotEqualTo(before);
    assertThat(decode(s)).contains("new-Pa55word");
  }

  @Test
  void anUpdateRemovesTheUnkeyedFingerprintAnOlderPullplanWroteAndKeepsOtherAnnotations() {
    Desired d = secret("partner", "edge", "partner-pull", "robot", PASSWORD);
    ResourceState prior = state(d, secrets.create(d, apply(run)));
    Secret old = partner.secrets().inNamespace("edge").withName("partner-pull").get();
    old.getMetadata().getAnnotations().put("pullplan.dev/credential-fingerprint", "sha256:0123456789abcdef");
    old.getMetadata().getAnnotations().put("team.example/owner", "edge");
    partner.secrets().inNamespace("edge").resource(old).update();
    Desired rotated = secret("partner", "edge", "partner-pull", "robot", "new-Pa55word");

    secrets.read(read(rotated, prior));
    secrets.update(rotated, prior, apply(run));

    Secret s = partner.secrets().inNamespace("edge").withName("partner-pull").get();
    assertThat(s.getMetadata().getAnnotations()).doesNotContainKey("pullplan.dev/credential-fingerprint")
        .containsEntry("team.example/owner", "edge");
    assertThat(decode(s)).contains("new-Pa55word");
  }

  @Test
  void deleteRemovesTheSecretAndDeletingItAgainSucceeds() {
    Desired d = secret("partner", "edge", "partner-pull", "robot", PASSWORD);
    ResourceState prior = state(d, secrets.create(d, apply(run)));

    secrets.delete(prior, apply(run));
    secrets.delete(prior, apply(run));

    assertThat(partner.secrets().inNamespace("edge").withName("partner-pull").get()).isNull();
  }

  @Test
  void aSecretOfTheWantedNameThatIsNotOursIsForeignWithAnImportHint() {
    Observed o = secrets.read(readNew(secret("partner", "edge", "legacy-pull", "robot", PASSWORD)));

    assertThat(o).isInstanceOfSatisfying(Observed.Foreign.class, f -> {
      assertThat(f.description()).contains("edge/legacy-pull", "partner", "not managed by pullplan");
      assertThat(f.hint()).contains("pullplan import access.partner.k8s_secret[\"edge\"] edge/legacy-pull");
    });
  }

  @Test
  void importOfASecretOfAnotherTypeIsRefusedWithTheReason() {
    partner.secrets().inNamespace("edge").resource(new SecretBuilder().withNewMetadata().withName("opaque-pull")
        .endMetadata().withType("Opaque").withData(Map.of("token", "dG9rZW4=")).build()).create();
    Desired d = secret("partner", "edge", "opaque-pull", "robot", PASSWORD);

    assertThatThrownBy(() -> ((Importable) secrets).importById(readNew(d), "edge/opaque-pull"))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("is of type Opaque, not kubernetes.io/dockerconfigjson")
        .hasMessageContaining("cannot be changed");
  }

  @Test
  void anImportedImmutableSecretIsCreatedAgainWithTheNewContentAndStaysImmutable() {
    String theirs = "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + Base64.getEncoder().encodeToString(
        "robot:old-password".getBytes(StandardCharsets.UTF_8)) + "\"}}}";
    partner.secrets().inNamespace("edge").resource(new SecretBuilder().withNewMetadata().withName("frozen-pull")
        .withLabels(Map.of("team", "edge")).endMetadata().withType("kubernetes.io/dockerconfigjson").withImmutable(true)
        .withData(Map.of(".dockerconfigjson", Base64.getEncoder().encodeToString(theirs.getBytes(StandardCharsets.UTF_8))))
        .build()).create();
    Desired d = secret("partner", "edge", "frozen-pull", "robot", PASSWORD);
    Observed.Present imported = present(((Importable) secrets).importById(readNew(d), "edge/frozen-pull"));
    ResourceState prior = new ResourceState(d.address(), d.type(), "kubernetes", imported.id(), imported.attributes(),
        imported.sensitive(), List.of());

    secrets.read(read(d, prior));
    secrets.update(d, prior, apply(run));

    Secret s = partner.secrets().inNamespace("edge").withName("frozen-pull").get();
    assertThat(decode(s)).contains(PASSWORD);
    assertThat(s.getImmutable()).isTrue();
    assertThat(s.getMetadata().getLabels()).containsEntry("team", "edge").containsEntry("app.kubernetes.io/managed-by",
        "pullplan");
    assertThat(run.progress).anyMatch(l -> l.contains("edge/frozen-pull") && l.contains("is immutable"));
  }

  @Test
  void anImmutableSecretWhoseContentIsRightIsRelabelledInPlace() {
    Desired d = secret("partner", "edge", "kept-pull", "robot", PASSWORD);
    ResourceState prior = state(d, secrets.create(d, apply(run)));
    Secret made = partner.secrets().inNamespace("edge").withName("kept-pull").get();
    made.setImmutable(true);
    partner.secrets().inNamespace("edge").resource(made).update();
    String uid = made.getMetadata().getUid();

    secrets.read(read(d, prior));
    secrets.update(d, prior, apply(run));

    Secret s = partner.secrets().inNamespace("edge").withName("kept-pull").get();
    assertThat(s.getMetadata().getUid()).isEqualTo(uid);
    assertThat(s.getImmutable()).isTrue();
  }

  @Test
  void createNeverOverwritesAForeignSecretAndSaysWhy() {
    String before = partner.secrets().inNamespace("edge").withName("legacy-pull").get().getMetadata()
        .getResourceVersion();

    assertThatThrownBy(() -> secrets.create(secret("partner", "edge", "legacy-pull", "robot", PASSWORD), apply(run)))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("edge/legacy-pull").hasMessageContaining("not managed by pullplan")
        .hasMessageNotContaining(PASSWORD);
    assertThat(partner.secrets().inNamespace("edge").withName("legacy-pull").get().getMetadata().getResourceVersion())
        .isEqualTo(before);
  }

  @Test
  void deleteRefusesASecretThatIsNotOurs() {
    Desired d = secret("partner", "edge", "legacy-pull", "robot", PASSWORD);
    ResourceState imagined = new ResourceState(d.address(), d.type(), "kubernetes", "edge/legacy-pull",
        d.attributes(), Map.of(), List.of());

    assertThatThrownBy(() -> secrets.delete(imagined, apply(run))).hasMessageContaining("left in place");
    assertThat(partner.secrets().inNamespace("edge").withName("legacy-pull").get()).isNotNull();
  }

  @Test
  void createAfterAHalfDoneCreateAdoptsOurSecret() {
    Desired d = secret("partner", "edge", "partner-pull", "robot", PASSWORD);
    secrets.create(d, apply(run));
    Desired again = secret("partner", "edge", "partner-pull", "robot", "second-Pa55word");

    Applied applied = session(run).handler(ResourceTypes.K8S_SECRET).create(again, apply(run));

    assertThat(applied.id()).isEqualTo("edge/partner-pull");
    assertThat(decode(partner.secrets().inNamespace("edge").withName("partner-pull").get())).contains("second-Pa55word");
  }

  @Test
  void aCreateWhoseAnswerWasLostAfterTheSecretWasStoredSucceedsWhenFabric8RetriesIt() {
    fx.sandbox.loseAnswers("partner", "POST", "/api/v1/namespaces/edge/secrets", 1);
    Desired d = secret("partner", "edge", "partner-pull", "robot", PASSWORD);

    Applied applied = secrets.create(d, apply(run));

    assertThat(applied.id()).isEqualTo("edge/partner-pull");
    assertThat(decode(partner.secrets().inNamespace("edge").withName("partner-pull").get())).contains(PASSWORD);
    assertThat(fx.sandbox.calls()).containsEntry("create secrets", 2L); // fabric8 did retry the stored create
  }

  @Test
  void readNeverChangesAnything() {
    Desired d = secret("partner", "edge", "partner-pull", "robot", PASSWORD);
    ResourceState prior = state(d, secrets.create(d, apply(run)));
    List<String> before = versions();
    run.calls.clear();

    session(run).handler(ResourceTypes.K8S_SECRET).read(read(d, prior));
    session(run).handler(ResourceTypes.K8S_SECRET).read(readNew(secret("partner", "edge", "legacy-pull", "u", "p")));

    assertThat(versions()).isEqualTo(before);
    assertThat(run.calls.keySet()).allMatch(c -> c.startsWith("kubernetes: list") || c.startsWith("kubernetes: get"));
  }

  @Test
  void thePasswordIsInNoToStringAndNoMessage() {
    Desired d = secret("partner", "edge", "partner-pull", "robot", PASSWORD);
    Applied applied = secrets.create(d, apply(run));
    Observed o = secrets.read(read(d, state(d, applied)));
    RegistryLogin login = new RegistryLogin("ghcr.io", "robot", PASSWORD);

    assertThat(List.of(d.toString(), applied.toString(), o.toString(), state(d, applied).toString(), login.toString()))
        .noneMatch(s -> s.contains(PASSWORD));
    assertThat(run.warnings).noneMatch(s -> s.contains(PASSWORD));
    assertThat(run.progress).noneMatch(s -> s.contains(PASSWORD));
  }

  @Test
  void anUndecodableSecretOfOursReadsAsEmptyLoginSoThePlanRepairsIt() {
    Desired d = secret("partner", "edge", "partner-pull", "robot", PASSWORD);
    ResourceState prior = state(d, secrets.create(d, apply(run)));
    Secret s = new SecretBuilder(partner.secrets().inNamespace("edge").withName("partner-pull").get())
        .withData(Map.of(".dockerconfigjson", DockerConfigJson.base64("{}"))).build();
    partner.secrets().inNamespace("edge").resource(s).update();

    Observed.Present p = present(session(run).handler(ResourceTypes.K8S_SECRET).read(read(d, prior)));

    assertThat(p.attributes()).containsEntry("username", "").containsEntry("server", "");
    assertThat(p.sensitive()).isEmpty();
  }

  private List<String> versions() {
    return partner.secrets().inAnyNamespace().list().getItems().stream()
        .map(s -> s.getMetadata().getName() + "@" + s.getMetadata().getResourceVersion()).sorted().toList();
  }

  private static String decode(Secret s) {
    return new String(Base64.getDecoder().decode(s.getData().get(".dockerconfigjson")), StandardCharsets.UTF_8);
  }

  @Test
  void aSecretAnotherStackMadeAtTheSameAddressIsForeignAndNeverOverwrittenOrDeleted() {
    secrets.create(secret("partner", "edge", "partner-pull", "robot", PASSWORD), apply(run));
    Desired other = inStack(secret("partner", "edge", "partner-pull", "intruder", "other-Pa55word"), "other");
    ResourceState otherPrior = new ResourceState(other.address(), other.type(), "kubernetes", "edge/partner-pull",
        other.attributes(), Map.of(), List.of());

    assertThat(session(run).handler(ResourceTypes.K8S_SECRET).read(readNew(other)))
        .isInstanceOfSatisfying(Observed.Foreign.class, f -> assertThat(f.description()).contains("(stack fleet)"));
    assertThatThrownBy(() -> session(run).handler(ResourceTypes.K8S_SECRET).create(other, apply(run)))
        .hasMessageContaining("not managed by pullplan for");
    assertThatThrownBy(() -> secrets.delete(otherPrior, apply(run))).hasMessageContaining("left in place");
    assertThat(decode(partner.secrets().inNamespace("edge").withName("partner-pull").get())).contains(PASSWORD);
  }
}
