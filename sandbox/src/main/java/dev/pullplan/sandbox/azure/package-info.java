/**
 * The sandbox's Azure: {@link dev.pullplan.sandbox.azure.AzureSandbox}, a loopback stand-in for
 * ARM, Microsoft Graph and Entra that the real Azure SDK talks to over HTTPS.
 *
 * <p>A client reaches it exactly as it reaches a private cloud (this is what the tests do):
 * <pre>{@code
 * HttpClient http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
 *     .sslContext(contextTrusting(sandbox.caPem()))).build();           // the CA file
 * TokenCredential credential = new ClientSecretCredentialBuilder()
 *     .tenantId(sandbox.tenantId()).clientId(sandbox.clientId()).clientSecret(sandbox.clientSecret())
 *     .authorityHost(sandbox.authorityHost())                           // AZURE_AUTHORITY_HOST
 *     .httpClient(http)                                                 // MSAL must trust the CA too
 *     .build();
 * Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
 * endpoints.put("resourceManagerEndpointUrl", sandbox.armEndpoint());
 * endpoints.put("managementEndpointUrl", sandbox.armEndpoint());        // the ARM token scope
 * endpoints.put("microsoftGraphResourceId", sandbox.graphEndpoint());   // the Graph token scope
 * endpoints.put("activeDirectoryEndpointUrl", sandbox.authorityHost());
 * AzureProfile profile = new AzureProfile(sandbox.tenantId(), sandbox.subscriptionId(),
 *     new AzureEnvironment(endpoints));
 * ContainerRegistryManager acr = ContainerRegistryManager.configure().withHttpClient(http)
 *     .authenticate(credential, profile);
 * }</pre>
 * {@code DefaultAzureCredentialBuilder().httpClient(http)} works the same with the environment
 * variables {@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID}, {@code AZURE_CLIENT_SECRET} and
 * {@code AZURE_AUTHORITY_HOST}.
 */
package dev.pullplan.sandbox.azure;
