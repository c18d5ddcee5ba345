package dev.pullplan.provider.azure;

import dev.pullplan.testing.TestRun;
import com.azure.resourcemanager.authorization.fluent.MicrosoftGraphClient;
import com.azure.resourcemanager.authorization.fluent.RoleAssignmentsClient;
import com.azure.resourcemanager.authorization.fluent.models.MicrosoftGraphApplicationInner;
import com.azure.resourcemanager.authorization.fluent.models.MicrosoftGraphServicePrincipalInner;
import java.nio.file.Path;

/** The SDK used directly, as another tool (az, the portal) would: to set the scene for a test. */
final class SdkAccess {
  private SdkAccess() {}

  static AzureConnection connection(SandboxAzure azure) {
    TestRun run = azure.run();
    return new AzureConnection(AzureSettings.resolve(java.util.Map.of(), azure.environment, Path.of(".")),
        azure.environment, new CallCounting(run));
  }

  static RoleAssignmentsClient roleAssignments(SandboxAzure azure) {
    return connection(azure).home().authorization().roleServiceClient().getRoleAssignments();
  }

  /** An application and its service principal made outside pullplan; returns the principal's object id. */
  static String newServicePrincipal(SandboxAzure azure, String displayName) {
    MicrosoftGraphClient graph = connection(azure).home().authorization().serviceClient();
    MicrosoftGraphApplicationInner app = graph.getApplicationsApplications()
        .createApplication(new MicrosoftGraphApplicationInner().withDisplayName(displayName));
    return graph.getServicePrincipalsServicePrincipals()
        .createServicePrincipal(new MicrosoftGraphServicePrincipalInner().withAppId(app.appId())).id();
  }
}
