package dev.pullplan.provider.azure;

import static dev.pullplan.provider.azure.SandboxAzure.desired;
import static dev.pullplan.provider.azure.SandboxAzure.readNew;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.resourcemanager.containerregistry.models.RegistryUpdateParameters;
import com.azure.resourcemanager.containerregistry.models.RoleAssignmentMode;
import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.sandbox.azure.RoleAssignmentView;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.testing.TestRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attach} with {@code repositories}: on an ABAC registry the kubelet identity gets Repository
 * Reader with a condition on those repositories, and the sandbox's registry grants its pulls only
 * there; on a legacy registry it is a plan error.
 */
class AbacAttachSandboxTest {
  private static final String REGISTRY = "pullplandemo";
  private static final String KUBELET_OBJECT_ID = "3b1f6c2e-0000-4000-8000-00000000d004";

  SandboxAzure azure;
  TestRun run;

  @BeforeEach
  void start(@TempDir Path tmp) {
    azure = new SandboxAzure(tmp);
    run = azure.run();
  }

  @AfterEach
  void stop() {
    azure.close();
  }

  private ResourceHandler handler() {
    return new AzureProvider().open(run).handler(ResourceTypes.AZURE_ACR_ATTACH);
  }

  private static Desired attach(List<String> repositories) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("stack", "teststack");
    attrs.put("registry", "shared");
    attrs.put("acr", SandboxAzure.ACR);
    attrs.put("cluster", "dev");
    attrs.put("aks", "rg-dev/aks-dev");
    attrs.put("role", "AcrPull");
    attrs.put("repositories", repositories);
    return desired(Address.of("access", "dev", "attach"), ResourceTypes.AZURE_ACR_ATTACH, attrs);
  }

  private List<RoleAssignmentView> kubeletAssignments() {
    return azure.sandbox.roleAssignments().stream()
        .filter(a -> a.principalId().equalsIgnoreCase(KUBELET_OBJECT_ID)).toList();
  }

  @Test
  void onAnAbacRegistryTheKubeletIdentityPullsOnlyTheNamedRepositories() {
    SdkAccess.connection(azure).home().registries().serviceClient().getRegistries().update("rg-registry", REGISTRY,
        new RegistryUpdateParameters().withRoleAssignmentMode(RoleAssignmentMode.ABAC_REPOSITORY_PERMISSIONS));

    handler().create(attach(List.of("edge/*", "tools/cli")), run);

    assertThat(kubeletAssignments()).singleElement().satisfies(a -> {
      assertThat(a.roleName()).isEqualTo("Container Registry Repository Reader");
      assertThat(a.condition()).hasValueSatisfying(c -> assertThat(c).contains("StringStartsWithIgnoreCase 'edge/'"));
    });
    assertThat(azure.sandbox.principalMayPull(REGISTRY, KUBELET_OBJECT_ID, "edge/sim")).isTrue();
    assertThat(azure.sandbox.principalMayPull(REGISTRY, KUBELET_OBJECT_ID, "tools/cli")).isTrue();
    assertThat(azure.sandbox.principalMayPull(REGISTRY, KUBELET_OBJECT_ID, "team/app")).isFalse();
    assertThat(azure.sandbox.principalMayPull(REGISTRY, KUBELET_OBJECT_ID, "edge-infra/k8s")).isFalse();
  }

  @Test
  void onALegacyRegistryRepositoriesAreAPlanError() {
    assertThatThrownBy(() -> handler().read(readNew(attach(List.of("edge/*")))))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("LegacyRegistryPermissions").hasMessageContaining("--role-assignment-mode rbac-abac");
    assertThat(kubeletAssignments()).isEmpty();
  }
}
