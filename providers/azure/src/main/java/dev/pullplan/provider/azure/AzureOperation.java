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
  READ_APPLICATION("reading Entra application", "Application.Read.All (Microsoft Graph)",
      "Directory Readers, or the Application.Read.All permission"),
  WRITE_APPLICATION("writing Entra application", "Application.ReadWrite.OwnedBy (Microsoft Graph)",
      "Application Developer or Application Administrator, or the Application.ReadWrite.OwnedBy permission"),
  DELETE_APPLICATION("deleting Entra application", "Application.ReadWrite.OwnedBy (Microsoft Graph)",
      "Application Administrator, or the Application.ReadWrite.OwnedBy permission on an application it owns"),
  READ_SERVICE_PRINCIPAL("reading Entra service principal", "Application.Read.All (Microsoft Graph)",
      "Directory Readers, or the Application.Read.All permission"),
  CREATE_SERVICE_PRINCIPAL("creating the service principal of", "Application.ReadWrite.OwnedBy (Microsoft Graph)",
      "Application Developer or Application Administrator, or the Application.ReadWrite.OwnedBy permission");

  final String doing;
  final String permission;
  final String roles;

  AzureOperation(String doing, String permission, String roles) {
    this.doing = doing;
    this.permission = permission;
    this.roles = roles;
  }
}
