package dev.pullplan.sandbox.azure;

import dev.pullplan.sandbox.azure.DirectoryObject.Kind;
import dev.pullplan.sandbox.azure.DirectoryObject.Password;
import dev.pullplan.sandbox.faults.FaultInjector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * An in-process stand-in for Azure that the real Azure SDK talks to over HTTPS on loopback: ARM,
 * Microsoft Graph and an Entra token endpoint, each on its own port, answering in the shapes of
 * {@code shared/reference/azure-rest.md}, with the faults real Azure has ({@link #faults()}).
 *
 * <p>Clients trust {@link #caPem()} and use {@link #armEndpoint()}, {@link #graphEndpoint()} and
 * {@link #authorityHost()} as a private cloud's endpoints, logging in with {@link #clientId()} and
 * {@link #clientSecret()} in {@link #tenantId()}. Tests assert on the world through the read-only
 * views and on the calls through {@link #requests()}.
 */
public final class AzureSandbox implements AutoCloseable {

  private static final String DEPLOYER_NAME = "pullplan-sandbox-deployer";

  private final AzureWorld world;
  private final AccessTokens tokens = new AccessTokens();
  private final Faults faults;
  private final FaultInjector injector = new FaultInjector();
  private final RequestLog log;
  private final SandboxTls tls;
  private final String clientSecret;
  private final List<ApiServer> servers;
  private final ApiServer arm;
  private final ApiServer graph;
  private final ApiServer login;
  private final ApiServer registryTokens;
  private final RegistryTokenSigner registrySigner;

  private AzureSandbox(AzureWorld world, Faults faults, RequestLog log, SandboxTls tls, String clientSecret,
      ApiServer arm, ApiServer graph, ApiServer login, ApiServer registryTokens, RegistryTokenSigner registrySigner) {
    this.world = world;
    this.faults = faults;
    this.log = log;
    this.tls = tls;
    this.clientSecret = clientSecret;
    this.arm = arm;
    this.graph = graph;
    this.login = login;
    this.registryTokens = registryTokens;
    this.registrySigner = registrySigner;
    this.servers = List.of(arm, graph, login, registryTokens);
  }

  /** Generates the certificate, seeds the world and starts the three hosts. */
  public static AzureSandbox start(AzureSeed seed, SandboxOptions options) {
    SandboxTls tls = SandboxTls.generate();
    Faults faults = new Faults();
    RequestLog log = new RequestLog();
    AzureWorld world = new AzureWorld(seed, options.clock(), faults);
    String clientSecret = addDeployer(world);

    ApiServer arm = ApiServer.bind(Api.ARM, options.armPort(), tls.serverContext());
    ApiServer graph = ApiServer.bind(Api.GRAPH, options.graphPort(), tls.serverContext());
    ApiServer login = ApiServer.bind(Api.LOGIN, options.loginPort(), tls.serverContext());
    ApiServer registryTokens = ApiServer.bindPlain(Api.REGISTRY, 0);
    RegistryTokenSigner registrySigner = RegistryTokenSigner.generate();
    AzureSandbox sandbox = new AzureSandbox(world, faults, log, tls, clientSecret, arm, graph, login,
        registryTokens, registrySigner);

    AccessTokens tokens = sandbox.tokens;
    Router armRouter = new Router();
    new ResourceRoutes(world, options).register(armRouter);
    new RegistryRoutes(world, options).register(armRouter);
    new ClusterRoutes(world, options).register(armRouter);
    new AuthorizationRoutes(world, options).register(armRouter);
    Router graphRouter = new Router();
    new GraphRoutes(world, options).register(graphRouter);
    Router loginRouter = new Router();
    new LoginRoutes(world, tokens, sandbox.armEndpoint(), sandbox.graphEndpoint()).register(loginRouter);
    Router registryRouter = new Router();
    new RegistryTokenRoutes(world, tokens, registrySigner).register(registryRouter);

    FaultInjector injector = sandbox.injector;
    arm.serve(call -> sandbox.answer(call, Api.ARM, armRouter, Optional.of(tokens)), log, options.clock(), injector);
    graph.serve(call -> sandbox.answer(call, Api.GRAPH, graphRouter, Optional.of(tokens)), log, options.clock(),
        injector);
    login.serve(call -> sandbox.answer(call, Api.LOGIN, loginRouter, Optional.empty()), log, options.clock(), injector);
    registryTokens.serve(call -> sandbox.answer(call, Api.REGISTRY, registryRouter, Optional.empty()), log,
        options.clock(), injector);
    return sandbox;
  }

  /**
   * The application pullplan logs in as: it exists in the directory like any other, with one
   * password that outlives any test clock.
   */
  private static String addDeployer(AzureWorld world) {
    Instant created = world.now().minus(Duration.ofDays(30));
    String appId = world.seed().clientId();
    DirectoryObject app = world.directory().add(Kind.APPLICATION, UUID.randomUUID().toString(), appId,
        Json.object().put("displayName", DEPLOYER_NAME), created);
    world.directory().add(Kind.SERVICE_PRINCIPAL, UUID.randomUUID().toString(), appId,
        Json.object().put("displayName", DEPLOYER_NAME).put("appDisplayName", DEPLOYER_NAME)
            .put("servicePrincipalType", "Application").put("accountEnabled", true), created);
    String secret = Secret.newValue();
    app.addPassword(new Password(UUID.randomUUID().toString(), "sandbox", secret.substring(0, 3), created,
        created.plus(Duration.ofDays(36500)), Secret.of(secret)));
    return secret;
  }

  private Reply answer(HttpCall call, Api api, Router router, Optional<AccessTokens> bearer) {
    bearer.ifPresent(tokens -> {
      synchronized (world) {
        tokens.require(call, api, world.now());
      }
    });
    if (api != Api.LOGIN) {
      faults.throttle(api, System.nanoTime()).ifPresent(e -> {
        throw e;
      });
    }
    faults.takeInjected(call.method(), call.path()).ifPresent(e -> {
      throw e;
    });
    if (api == Api.ARM) {
      ApiVersions.require(call);
    }
    Reply reply;
    synchronized (world) {
      reply = router.dispatch(call);
    }
    if (api == Api.GRAPH && reply.status() == 201 && call.method().equals("POST")
        && call.path().matches("/v1\\.0/applications/?") && faults.takeResetAfterCreatingApplication()) {
      throw new ConnectionReset();
    }
    return reply;
  }

  /** ARM's base URL with a trailing slash, e.g. {@code https://127.0.0.1:40001/}. */
  public String armEndpoint() {
    return arm.baseUrl() + "/";
  }

  /** Microsoft Graph's base URL with a trailing slash; the SDK appends {@code v1.0}. */
  public String graphEndpoint() {
    return graph.baseUrl() + "/";
  }

  /** The Entra authority host with a trailing slash; the tenant follows it in token URLs. */
  public String authorityHost() {
    return login.baseUrl() + "/";
  }

  public String tenantId() {
    return world.seed().tenantId();
  }

  public String subscriptionId() {
    return world.seed().subscriptionId();
  }

  /** The application id the token endpoint accepts with {@link #clientSecret()}. */
  public String clientId() {
    return world.seed().clientId();
  }

  /** Made at start; never logged by the sandbox. */
  public String clientSecret() {
    return clientSecret;
  }

  /** The CA that signed the servers' certificate, PEM-encoded. */
  public String caPem() {
    return tls.caPem();
  }

  /** TLS for a client of the sandbox's servers: trusts {@link #caPem()} and nothing else. */
  public SSLContext clientTls() {
    return tls.clientContext();
  }

  /** Writes {@link #caPem()} to {@code file} and returns it. */
  public Path writeCa(Path file) {
    try {
      return Files.writeString(file, caPem(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sandbox CA to " + file, e);
    }
  }

  public Faults faults() {
    return faults;
  }

  /**
   * Random faults on every host (ARM, Graph, token endpoint, registry token server), off until
   * told; {@link #faults()} holds the targeted ones. Shared with the clusters by {@code Sandbox}.
   */
  public FaultInjector faultInjector() {
    return injector;
  }

  /** Every request answered so far, in order. */
  public List<RecordedRequest> requests() {
    return log.snapshot();
  }

  /** From now on every host answers {@code latency} later, as across a network (0: at once). */
  public void latency(Duration latency) {
    servers.forEach(s -> s.latency(latency));
  }

  public void clearRequests() {
    log.clear();
  }

  public List<RoleAssignmentView> roleAssignments() {
    synchronized (world) {
      return world.authorization().all().stream().map(Authorization.Assignment::view).toList();
    }
  }

  /** Applications of the directory, including the one the sandbox's client id belongs to. */
  public List<GraphObjectView> applications() {
    return directoryObjects(Kind.APPLICATION);
  }

  /** Deletes an application and its service principal, as someone in the portal would. */
  public void deleteApplication(String objectId) {
    synchronized (world) {
      world.directory().delete(Kind.APPLICATION, objectId);
    }
  }

  /** Service principals, including the kubelet identities of the seeded clusters. */
  public List<GraphObjectView> servicePrincipals() {
    return directoryObjects(Kind.SERVICE_PRINCIPAL);
  }

  private List<GraphObjectView> directoryObjects(Kind kind) {
    synchronized (world) {
      return world.directory().list(kind).stream().map(DirectoryObject::view).toList();
    }
  }

  /** Scope maps of a registry, built-in ones included; empty when the registry does not exist. */
  public List<ScopeMapView> scopeMaps(String registryName) {
    synchronized (world) {
      return world.registryByName(registryName).map(r -> r.scopeMaps().stream()
          .map(RegistryState.ScopeMap::view).toList()).orElse(List.of());
    }
  }

  /** Tokens of a registry with their password slots; empty when the registry does not exist. */
  public List<TokenView> tokens(String registryName) {
    synchronized (world) {
      return world.registryByName(registryName).map(r -> r.tokens().stream()
          .map(RegistryState.Token::view).toList()).orElse(List.of());
    }
  }

  /**
   * Whether {@code username}/{@code password} currently works for pulling from the registry: a
   * service principal's appId with a live password and AcrPull (or a role containing it) on the
   * registry or a parent scope, or an enabled token with a live password and a pull scope map.
   */
  public boolean acceptsRegistryLogin(String registryName, String username, String password) {
    synchronized (world) {
      return world.acceptsRegistryLogin(registryName, username, password);
    }
  }

  /**
   * Whether that login may pull {@code repository} now, by ACR's rules: an admin user when enabled,
   * a token whose scope map covers the repository, a service principal with a pull role.
   */
  public boolean mayPull(String registryName, String username, String password, String repository) {
    synchronized (world) {
      return world.mayPull(registryName, username, password, repository);
    }
  }

  /**
   * Whether the principal {@code objectId} (a kubelet identity, which logs in with its managed
   * identity's Entra token) may pull {@code repository}, by the role assignments the registry's
   * mode honours and their conditions: what the token server grants it.
   */
  public boolean principalMayPull(String registryName, String objectId, String repository) {
    synchronized (world) {
      return world.registryByName(registryName)
          .map(r -> world.mayPull(r, new RegistryIdentity.Principal(objectId, ""), Optional.of(repository)))
          .orElse(false);
    }
  }

  /** The registry's {@code roleAssignmentMode} as ARM reports it; empty when there is no such registry. */
  public Optional<String> roleAssignmentMode(String registryName) {
    synchronized (world) {
      return world.registryByName(registryName).map(r -> r.roleAssignmentMode().wire);
    }
  }

  /**
   * ACR's token endpoint ({@code http://127.0.0.1:port/oauth2/token}), the {@code realm} a real
   * registry in token-auth mode sends clients to; {@code /oauth2/exchange} is beside it.
   */
  public String registryTokenRealm() {
    return registryTokens.baseUrl() + "/oauth2/token";
  }

  /** The {@code iss} of the registry tokens, for the registry's {@code auth.token.issuer}. */
  public String registryTokenIssuer() {
    return RegistryTokenSigner.ISSUER;
  }

  /** The certificate that signs registry tokens, for the registry's {@code auth.token.rootcertbundle}. */
  public String registryTokenCertificatePem() {
    return registrySigner.certificatePem();
  }

  /**
   * Makes {@code address} (a real registry's {@code host:port}) the login server of the registry
   * {@code registryName}: ARM answers it as {@code loginServer} and the token server serves it.
   */
  public void serveRegistryAt(String registryName, String address) {
    synchronized (world) {
      world.registryByName(registryName)
          .orElseThrow(() -> new IllegalArgumentException("the sandbox has no registry " + registryName))
          .serveAt(address);
    }
  }

  /** The login server ARM reports for the registry, when it exists. */
  public Optional<String> loginServer(String registryName) {
    synchronized (world) {
      return world.registryByName(registryName).map(RegistryState::loginServer);
    }
  }

  /**
   * A registry token with push and pull on one repository that only the sandbox holds (no login
   * gets push rights from the token server): how it fills its registry with images.
   */
  public String pushToken(String registryName, String repository) {
    synchronized (world) {
      String service = world.registryByName(registryName).map(RegistryState::loginServer)
          .orElseThrow(() -> new IllegalArgumentException("the sandbox has no registry " + registryName));
      return registrySigner.sign(service, "pullplan-sandbox",
          List.of(new RegistryTokenSigner.Access("repository", repository, List.of("pull", "push"))));
    }
  }

  /**
   * Who a bearer token sent to the Kubernetes API of an Entra-only cluster belongs to: the appId,
   * when it is a live token issued for the AKS Entra server application
   * ({@code 6dae42f8-4368-4678-94ff-3960e28e3630}); empty for any other token (an ARM or Graph token
   * included). The check a Kubernetes API server in front of such a cluster makes.
   */
  public Optional<String> aksServerTokenHolder(String bearerToken) {
    synchronized (world) {
      return tokens.holder(bearerToken, Api.AKS_SERVER, world.now());
    }
  }

  /**
   * Entra tokens issued from now on live {@code lifetime} (an hour unless told): a few seconds make a
   * client that holds on to one token fail within a test, as a long run fails after an hour.
   */
  public void tokenLifetime(java.time.Duration lifetime) {
    tokens.lifetime(lifetime);
  }

  /** The world's current time (the options' clock). */
  public Instant now() {
    return world.now();
  }

  @Override
  public void close() {
    servers.forEach(ApiServer::close);
  }
}
