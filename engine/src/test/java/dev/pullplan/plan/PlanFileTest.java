package dev.pullplan.plan;

import static dev.pullplan.testing.TestStacks.servicePrincipal;
import static dev.pullplan.testing.TestStacks.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullplan.PullplanException;
import dev.pullplan.model.Stack;
import dev.pullplan.state.crypto.Keyring;
import dev.pullplan.testing.EngineFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFileTest {
  @TempDir Path dir;
  private final EngineFixture f = new EngineFixture();
  private final List<String> warnings = new ArrayList<>();

  private static Stack teamApps() {
    return stack().serviceAccount("team_apps", "dev", List.of("apps", "jobs"), servicePrincipal("60d")).build();
  }

  private Plan rotationPlan() {
    f.planAndApply(teamApps());
    f.clock.advance(Duration.ofDays(61));
    return f.plan(teamApps());
  }

  @Test
  void savedPlanReadsBackWithTheSameChanges() {
    Plan plan = rotationPlan();
    Path file = dir.resolve("rotate.plan");

    new PlanFile(Optional.empty()).write(plan, file, warnings::add);
    Plan read = new PlanFile(Optional.empty()).read(file);

    assertThat(read.changes()).isEqualTo(plan.changes());
    assertThat(read.base()).isEqualTo(plan.base());
    assertThat(read.refreshed()).isEqualTo(plan.refreshed());
    assertThat(read.configDigest()).isEqualTo(plan.configDigest());
  }

  @Test
  void savedPlanAppliesExactlyAsShown() {
    Plan plan = rotationPlan();
    Path file = dir.resolve("rotate.plan");
    new PlanFile(Optional.empty()).write(plan, file, warnings::add);
    f.world.log().clear();

    f.apply(teamApps(), new PlanFile(Optional.empty()).read(file));

    assertThat(f.world.log()).contains("rotate access.team_apps.service_principal", "retire access.team_apps.service_principal");
    assertThat(f.plan(teamApps()).hasChanges()).isFalse();
  }

  @Test
  void aPlanSavedInTheFormatBeforeProvidersGotTheirFactsIsRefusedWithTheWayOut() throws Exception {
    Path file = dir.resolve("old.plan");
    new PlanFile(Optional.empty()).write(rotationPlan(), file, warnings::add);
    ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(file.toFile());
    doc.put("format_version", 3);
    Files.writeString(file, doc.toString());

    assertThatThrownBy(() -> new PlanFile(Optional.empty()).read(file))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("has format version 3")
        .hasMessageContaining("pullplan plan --out " + file);
  }

  @Test
  void unencryptedPlanWithSecretsWarns() {
    new PlanFile(Optional.empty()).write(rotationPlan(), dir.resolve("p"), warnings::add);

    assertThat(warnings).singleElement().asString().contains("secret values unencrypted");
  }

  @Test
  void encryptedPlanHoldsNoSecretBytes() throws Exception {
    Plan plan = rotationPlan();
    Keyring key = Keyring.fromEnvironment(Map.of(Keyring.PASSPHRASE, "correct horse battery staple")).orElseThrow();
    Path file = dir.resolve("p");

    new PlanFile(Optional.of(key)).write(plan, file, warnings::add);

    String raw = Files.readString(file);
    String password = plan.refreshed().resources().stream()
        .filter(r -> r.sensitive().containsKey("password")).findFirst().orElseThrow().sensitive().get("password");
    assertThat(raw).doesNotContain(password);
    assertThat(warnings).isEmpty();
    assertThat(new PlanFile(Optional.of(key)).read(file).refreshed()).isEqualTo(plan.refreshed());
  }

  @Test
  void aDamagedPlanFileIsRefusedWithoutQuotingTheSecretsInIt() throws Exception {
    Plan plan = rotationPlan();
    Path file = dir.resolve("p");
    new PlanFile(Optional.empty()).write(plan, file, warnings::add);
    String password = plan.refreshed().resources().stream()
        .filter(r -> r.sensitive().containsKey("password")).findFirst().orElseThrow().sensitive().get("password");
    // a damaged file: the quotes around a plaintext secret (a token-like one) were lost
    String secret = "Xq7TokenLikeSecret0123456789";
    Files.writeString(file, Files.readString(file).replace("\"" + password + "\"", secret));

    assertThatThrownBy(() -> new PlanFile(Optional.empty()).read(file))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("is not a pullplan plan file")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret))
        .hasNoCause();
  }

  @Test
  void aPlanFileWithAMissingFieldIsRefused() throws Exception {
    Path file = dir.resolve("p");
    new PlanFile(Optional.empty()).write(f.plan(teamApps()), file, warnings::add);
    Files.writeString(file, Files.readString(file).replace("\"base_existed\"", "\"base_existed_gone\""));

    assertThatThrownBy(() -> new PlanFile(Optional.empty()).read(file))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("does not verify");
  }

  private static final Keyring KEY = Keyring.fromEnvironment(Map.of(Keyring.PASSPHRASE, "correct horse battery staple"))
      .orElseThrow();
  private static final Keyring OTHER_KEY = Keyring.fromEnvironment(Map.of(Keyring.PASSPHRASE, "another passphrase"))
      .orElseThrow();

  /** What an attacker or a careless script does: keep the JSON valid, turn the first change into a DELETE. */
  private static void turnTheFirstChangeIntoADelete(Path file) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(Files.readAllBytes(file));
    ObjectNode change = (ObjectNode) root.get("changes").get(0);
    assertThat(change.get("action").asText()).isNotEqualTo("DELETE");
    change.put("action", "DELETE");
    Files.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  @Test
  void aKeyedPlanWhoseActionWasEditedIsRefused() throws Exception {
    Path file = dir.resolve("p");
    new PlanFile(Optional.of(KEY)).write(rotationPlan(), file, warnings::add);
    turnTheFirstChangeIntoADelete(file);

    assertThatThrownBy(() -> new PlanFile(Optional.of(KEY)).read(file))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("does not verify")
        .hasMessageContaining("pullplan plan --out");
  }

  @Test
  void anUnkeyedPlanWhoseActionWasEditedIsRefused() throws Exception {
    Path file = dir.resolve("p");
    new PlanFile(Optional.empty()).write(rotationPlan(), file, warnings::add);
    turnTheFirstChangeIntoADelete(file);

    assertThatThrownBy(() -> new PlanFile(Optional.empty()).read(file))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("does not verify");
  }

  @Test
  void aKeyedPlanReadsBackUnderTheSameKeyAfterBeingReformatted() throws Exception {
    Plan plan = rotationPlan();
    Path file = dir.resolve("p");
    new PlanFile(Optional.of(KEY)).write(plan, file, warnings::add);
    // whitespace is not content: a tool that re-indents the file does not break the seal
    ObjectMapper mapper = new ObjectMapper();
    Files.write(file, mapper.writeValueAsBytes(mapper.readTree(Files.readAllBytes(file))));

    assertThat(new PlanFile(Optional.of(KEY)).read(file).changes()).isEqualTo(plan.changes());
  }

  @Test
  void aPlanSealedWithOneKeyIsRefusedUnderAnother() throws Exception {
    Path file = dir.resolve("p");
    new PlanFile(Optional.of(KEY)).write(rotationPlan(), file, warnings::add);

    assertThatThrownBy(() -> new PlanFile(Optional.of(OTHER_KEY)).read(file))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining(Keyring.PASSPHRASE);
  }

  @Test
  void aPlanMadeWithoutAKeyIsRefusedWhenAKeyIsConfigured() throws Exception {
    // else whoever can write the file replaces a keyed plan with an unkeyed one whose digest anyone can compute
    Path file = dir.resolve("p");
    new PlanFile(Optional.empty()).write(rotationPlan(), file, warnings::add);

    assertThatThrownBy(() -> new PlanFile(Optional.of(KEY)).read(file))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("made without a state key");
  }

  @Test
  void aKeyedPlanIsRefusedWhenNoKeyIsConfigured() throws Exception {
    Path file = dir.resolve("p");
    new PlanFile(Optional.of(KEY)).write(rotationPlan(), file, warnings::add);

    assertThatThrownBy(() -> new PlanFile(Optional.empty()).read(file))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining(Keyring.PASSPHRASE);
  }

  @Test
  void aTruncatedPlanIsRefusedClearly() throws Exception {
    Path file = dir.resolve("p");
    new PlanFile(Optional.of(KEY)).write(rotationPlan(), file, warnings::add);
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));

    assertThatThrownBy(() -> new PlanFile(Optional.of(KEY)).read(file))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("is not a pullplan plan file");
  }

  @Test
  void aPlanWithoutASealIsRefused() throws Exception {
    Path file = dir.resolve("p");
    new PlanFile(Optional.empty()).write(rotationPlan(), file, warnings::add);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(Files.readAllBytes(file));
    root.remove("seal");
    Files.write(file, mapper.writeValueAsBytes(root));

    assertThatThrownBy(() -> new PlanFile(Optional.empty()).read(file))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("has no seal");
  }

  @Test
  void aFileThatIsNotAPlanIsRefusedClearly() throws Exception {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "{\"hello\": 1}");

    assertThatThrownBy(() -> new PlanFile(Optional.empty()).read(file))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("is not a pullplan plan file");
  }
}
