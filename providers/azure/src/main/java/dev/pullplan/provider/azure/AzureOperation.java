package dev.pullplan.provider.azure;

/**
 * Every Azure call pullplan makes, with what a refusal means: the permission the call needs and
 * the roles that grant it, so an error can say what to ask for instead of "are you an Owner?".
 */
enum AzureOperation {
  READ_REGISTRY("reading registry", "Microsoft.ContainerRegistry/registries/read", "Reader"),
  READ_CLUSTER("reading AKS cluster", "Microsoft.ContainerService/managedClusters/read", "Reader"),
  LIST_CLUSTER_USER_CREDENTIAL("getting the cluster user credential of",
      "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action",
      "Azure Kubernetes Service Cluster User Role"),
  GET_AKS_TOKEN("getting an Entra ID token for the Kubernetes API of",
      "a token for the AKS Entra server application (6dae42f8-4368-4678-94ff-3960e28e3630)",
      "an Azure login that can get tokens (no role needed to get one; Kubernetes RBAC decides what it may do)"),
  LIST_ROLE_ASSIGNMENTS("listing role assignments on", "Microsoft.Authorization/roleAssignments/read", "Reader"),
  READ_ROLE_DEFINITION("looking up the role definition on", "Microsoft.Authorization/roleDefinitions/read", "Reader"),
  CREATE_ROLE_ASSIGNMENT("creating role assignment on", "Microsoft.Authorization/roleAssignments/write",
      "User Access Administrator or Owner"),
  DELETE_ROLE_ASSIGNMENT("deleting role assignment on", "Microsoft.Authorization/roleAssignments/delete",
      "User Access Administrator or Owner"),
  READ_SCOPE_MAP("reading scope map", "Microsoft.ContainerRegistry/registries/scopeMaps/read", "Reader"),
  WRITE_SCOPE_MAP("writing scope map", "Microsoft.ContainerRegistry/registries/scopeMaps/write",
      "Contributor or Owner"),
  DELETE_SCOPE_MAP("deleting scope map", "Microsoft.ContainerRegistry/registries/scopeMaps/delete",
      "Contributor or Owner"),
  READ_TOKEN("reading token", "Microsoft.ContainerRegistry/registries/tokens/read", "Reader"),
  WRITE_TOKEN("writing token", "Microsoft.ContainerRegistry/registries/tokens/write", "Contributor or Owner"),
  DELETE_TOKEN("deleting token", "Microsoft.ContainerRegistry/registries/tokens/delete", "Contributor or Owner"),
  GENERATE_TOKEN_PASSWORD("generating a token password on",
      "Microsoft.ContainerRegistry/registries/generateCredentials/action", "Contributor or Owner"),
  READ_APPLICATION("reading Entra application", Graph.READ),
  WRITE_APPLICATION("writing Entra application", Graph.WRITE),
  DELETE_APPLICATION("deleting Entra application", Graph.WRITE),
  READ_SERVICE_PRINCIPAL("reading Entra service principal", Graph.READ),
  CREATE_SERVICE_PRINCIPAL("creating the service principal of", Graph.WRITE);

  final String doing;
  final String permission;
  final String roles;
  /** Whether Microsoft Graph answers this call: its permissions are granted to an app, not at a scope. */
  final boolean graph;

  AzureOperation(String doing, String permission, String roles) {
    this.doing = doing;
    this.permission = permission;
    this.roles = roles;
    this.graph = false;
  }

  AzureOperation(String doing, Graph needs) {
    this.doing = doing;
    this.permission = needs.permission;
    this.roles = needs.roles;
    this.graph = true;
  }

  /** What Microsoft Graph wants for reading and for writing applications and service principals. */
  private enum Graph {
    READ("Application.Read.All (or Application.ReadWrite.OwnedBy for the applications it owns)",
        "Directory Readers"),
    // OwnedBy covers what pullplan creates: it becomes the owner of those applications
    WRITE("Application.ReadWrite.OwnedBy (or Application.ReadWrite.All)",
        "Application Developer or Application Administrator");

    final String permission;
    final String roles;

    Graph(String permission, String roles) {
      this.permission = permission;
      this.roles = roles;
    }
  }
}
