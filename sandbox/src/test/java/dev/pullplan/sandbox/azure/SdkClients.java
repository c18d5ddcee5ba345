package dev.pullplan.sandbox.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.containerregistry.ContainerRegistryManager;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import java.util.HashMap;
import java.util.Map;

/**
 * The real Azure SDK pointed at the sandbox exactly as a private-cloud user points it at their
 * cloud: custom endpoints, an extra trusted CA, a client secret against a custom authority.
 */
record SdkClients(HttpClient httpClient, TokenCredential credential, AzureProfile profile,
    ContainerRegistryManager registries, ContainerServiceManager clusters, AuthorizationManager authorization) {

  static SdkClients connect(AzureSandbox sandbox) {
    HttpClient http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
        .sslContext(sandbox.clientTls())).build();
    TokenCredential credential = new ClientSecretCredentialBuilder()
        .tenantId(sandbox.tenantId())
        .clientId(sandbox.clientId())
        .clientSecret(sandbox.clientSecret())
        .authorityHost(sandbox.authorityHost())
        .disableInstanceDiscovery()
        .httpClient(http)
        .build();
    Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
    endpoints.put("resourceManagerEndpointUrl", sandbox.armEndpoint());
    endpoints.put("managementEndpointUrl", sandbox.armEndpoint());
    endpoints.put("microsoftGraphResourceId", sandbox.graphEndpoint());
    endpoints.put("activeDirectoryEndpointUrl", sandbox.authorityHost());
    AzureProfile profile = new AzureProfile(sandbox.tenantId(), sandbox.subscriptionId(),
        new AzureEnvironment(endpoints));
    return new SdkClients(http, credential, profile,
        ContainerRegistryManager.configure().withHttpClient(http).authenticate(credential, profile),
        ContainerServiceManager.configure().withHttpClient(http).authenticate(credential, profile),
        AuthorizationManager.configure().withHttpClient(http).authenticate(credential, profile));
  }
}
