package dev.pullplan.provider.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.model.Stack;
import dev.pullplan.spi.Applied;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Lifecycle;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.Provider;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.RunContext;
import dev.pullplan.testing.TestRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalCredentialHandlerTest {
  private static final String TOKEN = "ghp_s3cr3tT0ken";
  private static final Address ADDRESS = Address.of("access", "ghcr", ResourceTypes.EXTERNAL_CREDENTIAL);

  @TempDir Path dir;
  private final Map<String, String> environment = new HashMap<>();
  private ResourceHandler credentials;

  @BeforeEach
  void open() {
    credentials = new RegistryProvider().open(run()).handler(ResourceTypes.EXTERNAL_CREDENTIAL);
  }

  @Test
  void readTakesThePasswordFromTheEnvironmentAsSensitiveOnly() {
    environment.put("GHCR_TOKEN", TOKEN);

    Observed.Present p = (Observed.Present) credentials.read(readNew(desired("password_env", "GHCR_TOKEN")));

    assertThat(p.sensitive()).containsEntry("password", TOKEN);
    assertThat(p.attributes()).containsEntry("username", "robot").containsEntry("server", "ghcr.io")
        .doesNotContainKey("fingerprint").doesNotContainValue(TOKEN);
    assertThat(p.sensitive().get("fingerprint")).startsWith("hmac-sha256:").doesNotContain(TOKEN);
  }

  @Test
  void readTakesThePasswordFromAFileBesideTheConfigWithoutItsTrailingNewline() throws Exception {
    Files.writeString(dir.resolve("ghcr.token"), TOKEN + "\n");

    Observed.Present p = (Observed.Present) credentials.read(readNew(desired("password_file", "ghcr.token")));

    assertThat(p.sensitive()).containsEntry("password", TOKEN);
  }

  @Test
  void aMissingVariableNamesTheAccessBlockAndTheVariable() {
    assertThatThrownBy(() -> credentials.read(readNew(desired("password_env", "GHCR_TOKEN"))))
        .isInstanceOf(PullplanException.class).hasMessageContaining("the environment variable GHCR_TOKEN is not set").hasMessageContaining("access.ghcr");
  }

  @Test
  void anUnreadableFileNamesTheAccessBlockAndTheFile() {
    assertThatThrownBy(() -> credentials.create(desired("password_file", "missing.token"), null))
        .isInstanceOf(PullplanException.class)
        .hasMessageStartingWith("access.ghcr: password_file missing.token cannot be read");
  }

  @Test
  void theFingerprintChangesWithThePassword() {
    environment.put("GHCR_TOKEN", TOKEN);
    Applied before = credentials.create(desired("password_env", "GHCR_TOKEN"), null);
    environment.put("GHCR_TOKEN", "another-token");

    Applied after = credentials.update(desired("password_env", "GHCR_TOKEN"), state(before), null);

    assertThat(after.sensitive().get("fingerprint")).isNotEqualTo(before.sensitive().get("fingerprint"));
  }

  @Test
  void thePasswordIsEphemeralAndInNoToString() {
    environment.put("GHCR_TOKEN", TOKEN);
    Applied applied = credentials.create(desired("password_env", "GHCR_TOKEN"), null);

    assertThat(credentials.ephemeral()).containsExactlyInAnyOrder("password", "fingerprint");
    assertThat(List.of(applied.toString(), state(applied).toString(),
        credentials.read(readNew(desired("password_env", "GHCR_TOKEN"))).toString())).noneMatch(s -> s.contains(TOKEN));
  }

  @Test
  void aCredentialOnlyInStateReadsFromStateWithoutItsSource() {
    environment.put("GHCR_TOKEN", TOKEN);
    ResourceState prior = state(credentials.create(desired("password_env", "GHCR_TOKEN"), null));
    environment.clear();

    Observed o = credentials.read(new ReadRequest(ADDRESS, prior.type(), Optional.empty(), Optional.of(prior)));
    credentials.delete(prior, null);

    assertThat(o).isInstanceOf(Observed.Present.class);
  }

  @Test
  void theProviderIsFoundByServiceLoader() {
    assertThat(ServiceLoader.load(Provider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("registry")).findFirst())
        .hasValueSatisfying(p -> assertThat(p.resourceTypes()).containsExactly("external_credential"));
  }

  private static Desired desired(String sourceKind, String source) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("registry", "ghcr");
    a.put("server", "ghcr.io");
    a.put("username", "robot");
    a.put(sourceKind, source);
    a.put("stack", "fleet");
    return new Desired(ADDRESS, ResourceTypes.EXTERNAL_CREDENTIAL, a, Map.of(), Lifecycle.NONE);
  }

  private static ReadRequest readNew(Desired d) {
    return new ReadRequest(d.address(), d.type(), Optional.of(d), Optional.empty());
  }

  private static ResourceState state(Applied a) {
    return new ResourceState(ADDRESS, ResourceTypes.EXTERNAL_CREDENTIAL, "registry", a.id(), a.attributes(),
        a.sensitive(), List.of());
  }

  private RunContext run() {
    return new TestRun(new Stack(dir, Map.of(), Map.of(), Optional.empty(), Map.of(), Map.of(), Map.of(), Map.of(),
        Map.of(), "test"), environment);
  }
}
