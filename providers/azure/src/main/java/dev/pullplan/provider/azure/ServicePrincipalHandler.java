package dev.pullplan.provider.azure;

import com.azure.resourcemanager.authorization.fluent.MicrosoftGraphClient;
import com.azure.resourcemanager.authorization.fluent.models.ApplicationsAddPasswordRequestBodyInner;
import com.azure.resourcemanager.authorization.fluent.models.ApplicationsRemovePasswordRequestBody;
import com.azure.resourcemanager.authorization.fluent.models.MicrosoftGraphApplicationInner;
import com.azure.resourcemanager.authorization.fluent.models.MicrosoftGraphPasswordCredentialInner;
import com.azure.resourcemanager.authorization.fluent.models.MicrosoftGraphServicePrincipalInner;
import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.expand.Expander;
import dev.pullplan.spi.Applied;
import dev.pullplan.spi.ApplyContext;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.Rotatable;
import dev.pullplan.spi.RunContext;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code azure_service_principal}: an Entra application, its service principal and one password.
 * The password is shown by Graph once, when it is added; reads cannot return it, and the engine
 * keeps the one in state. Rotation adds a second password and removes the first only at retire,
 * after every secret holds the new one.
 */
final class ServicePrincipalHandler implements ResourceHandler, Rotatable {
  private final RunContext run;
  private final Lazy<AzureConnection> connection;
  private final AzureResources resources;
  private final ApplicationListings listings;

  ServicePrincipalHandler(RunContext run, Lazy<AzureConnection> connection, AzureResources resources,
      ApplicationListings listings) {
    this.run = run;
    this.connection = connection;
    this.resources = resources;
    this.listings = listings;
  }

  @Override
  public Observed read(ReadRequest request) {
    if (request.prior().isEmpty()) {
      // a tagged leftover of a crashed run is reused by create; a stranger's application is an error
      return request.desired().flatMap(d -> listedOrNamed(d.string("display_name")).stream()
              .filter(app -> !ServicePrincipalMapping.isOurs(app, run.stackName(), request.address()))
              .findFirst())
          .<Observed>map(app -> new Observed.Foreign("an Entra application named \"" + app.displayName()
              + "\" (appId " + app.appId() + ") exists that pullplan did not create",
              "rename or delete that application, or rename the access block"))
          .orElseGet(Observed::absent);
    }
    ResourceState prior = request.prior().get();
    // in a refresh, from the stack's application list when prefetch made it; otherwise a GET
    Optional<MicrosoftGraphApplicationInner> app = listings
        .listed(ServicePrincipalMapping.recordedStack(prior, run.stackName()), prior.id())
        .or(() -> application(prior.id()));
    Optional<MicrosoftGraphPasswordCredentialInner> password =
        app.flatMap(a -> ServicePrincipalMapping.password(a, prior.string("key_id")));
    if (app.isEmpty() || password.isEmpty()) {
      // without our password the credential is gone; create reuses the application
      return Observed.absent();
    }
    Map<String, Object> attributes = withLoginServer(request.desired().map(Desired::attributes), ServicePrincipalMapping
        .attributes(ConfigEcho.of(request, ServicePrincipalMapping.CONFIG), app.get(), prior.string("object_id"),
            password.get()));
    return new Observed.Present(app.get().id(), attributes, Map.of(),
        List.of("service principal " + app.get().displayName() + " (appId " + app.get().appId() + ")"));
  }

  @Override
  public Applied create(Desired desired, ApplyContext context) {
    listings.changed();
    String stack = run.stackName();
    String displayName = desired.string("display_name");
    List<MicrosoftGraphApplicationInner> named = applicationsNamed(displayName);
    named.stream().filter(a -> !ServicePrincipalMapping.isOurs(a, stack, desired.address())).findFirst()
        .ifPresent(a -> {
          throw new PullplanException("creating Entra application \"" + displayName + "\": an application with that"
              + " name exists that pullplan did not create (appId " + a.appId() + ")");
        });
    Optional<MicrosoftGraphApplicationInner> leftover = named.stream().findFirst();
    MicrosoftGraphApplicationInner app = leftover.orElseGet(() -> createApplication(displayName, desired.address()));
    String spObjectId = resources.servicePrincipalByAppId(app.appId())
        .map(MicrosoftGraphServicePrincipalInner::id)
        .orElseGet(() -> createServicePrincipal(app, desired.address()));
    leftover.ifPresent(this::removeOrphanedPasswords);
    return withNewPassword(desired, app, spObjectId, Optional.empty());
  }

  @Override
  public Applied rotate(Desired desired, ResourceState prior, ApplyContext context) {
    listings.changed();
    MicrosoftGraphApplicationInner app = application(prior.id()).orElseThrow(() ->
        new PullplanException("rotating " + desired.address() + ": its Entra application " + prior.id()
            + " no longer exists; run plan again"));
    return withNewPassword(desired, app, prior.string("object_id"), Optional.of(prior));
  }

  /** Removes the password a rotation replaced, once nothing uses it any more. */
  @Override
  public void retire(ResourceState deposed, ApplyContext context) {
    listings.changed();
    UUID keyId = UUID.fromString(deposed.string("key_id"));
    Optional<MicrosoftGraphApplicationInner> app = application(deposed.id());
    if (app.flatMap(a -> ServicePrincipalMapping.password(a, keyId.toString())).isEmpty()) {
      return;
    }
    AzureCalls.delete(AzureOperation.WRITE_APPLICATION, describe(deposed.id()), () ->
        graph().getApplications().removePassword(deposed.id(), new ApplicationsRemovePasswordRequestBody().withKeyId(keyId)));
  }

  /** Removes our passwords on the application other than the one state holds. */
  @Override
  public void retireAllBut(ResourceState current, ApplyContext context) {
    listings.changed();
    String keep = current.string("key_id");
    application(current.id()).ifPresent(app -> Optional.ofNullable(app.passwordCredentials()).orElse(List.of()).stream()
        .filter(ServicePrincipalMapping::isOurPassword)
        .filter(p -> p.keyId() != null && !p.keyId().toString().equalsIgnoreCase(keep))
        .forEach(p -> AzureCalls.delete(AzureOperation.WRITE_APPLICATION, describe(app.id()), () ->
            graph().getApplications().removePassword(app.id(),
                new ApplicationsRemovePasswordRequestBody().withKeyId(p.keyId())))));
  }

  @Override
  public Applied update(Desired desired, ResourceState prior, ApplyContext context) {
    listings.changed();
    MicrosoftGraphApplicationInner app = application(prior.id()).orElseThrow(() ->
        new PullplanException("updating " + desired.address() + ": its Entra application " + prior.id()
            + " no longer exists; run plan again"));
    if (!desired.string("display_name").equals(app.displayName())) {
      AzureCalls.run(AzureOperation.WRITE_APPLICATION, describe(app.id()), () -> graph().getApplicationsApplications()
          .updateApplication(app.id(), new MicrosoftGraphApplicationInner().withDisplayName(desired.string("display_name"))));
      app.withDisplayName(desired.string("display_name"));
    }
    if (!Objects.equals(desired.attributes().get("expires_after"), prior.attributes().get("expires_after"))) {
      // a password's end date cannot change: a new one replaces it, as in a rotation
      return withNewPassword(desired, app, prior.string("object_id"), Optional.of(prior));
    }
    MicrosoftGraphPasswordCredentialInner password = ServicePrincipalMapping.password(app, prior.string("key_id"))
        .orElseThrow(() -> new PullplanException("updating " + desired.address() + ": its password is gone; run plan"
            + " again"));
    return Applied.of(app.id(), withLoginServer(Optional.of(desired.attributes()), ServicePrincipalMapping.attributes(
        ConfigEcho.of(desired.attributes(), ServicePrincipalMapping.CONFIG), app, prior.string("object_id"), password)),
        prior.sensitive());
  }

  /**
   * Deleting the application deletes its service principal and passwords with it. Every other
   * application tagged for this resource of this stack goes too: duplicates a lost answer made.
   */
  @Override
  public void delete(ResourceState prior, ApplyContext context) {
    listings.changed();
    deleteApplication(prior.id());
    applicationsTagged(ServicePrincipalMapping.recordedStack(prior, run.stackName()), prior.address()).stream()
        .filter(app -> !app.id().equalsIgnoreCase(prior.id()))
        .forEach(app -> deleteApplication(app.id()));
  }

  private void deleteApplication(String objectId) {
    AzureCalls.delete(AzureOperation.DELETE_APPLICATION, describe(objectId), () ->
        graph().getApplicationsApplications().deleteApplication(objectId));
  }

  /**
   * The login server of the registry the config wants this principal to pull from, as ARM answers
   * it (cached per run; the role assignment reads the same registry). Without a desired registry
   * (the access is being removed) nothing will use it.
   */
  private Map<String, Object> withLoginServer(Optional<Map<String, Object>> desired, Map<String, Object> attributes) {
    Optional<String> acr = desired.map(d -> d.get(Expander.ACR)).filter(String.class::isInstance).map(String.class::cast);
    return acr.map(registry -> resources.registry(registry).withLoginServer(attributes)).orElse(attributes);
  }

  /** Which registry the {@code registry} block named: where the login server is read. */
  @Override
  public java.util.Set<String> locators() {
    return java.util.Set.of(Expander.ACR);
  }

  /** The registry's login server, which ARM answers and the config never states. */
  @Override
  public java.util.Set<String> computed() {
    return java.util.Set.of(AcrRegistry.SERVER);
  }

  /**
   * The display name stays as made when the access is renamed or re-keyed: the application is kept
   * as it is (a new display name would be an update, and the planner, not knowing that an update
   * keeps the object id, would re-grant the principal's role).
   */
  @Override
  public Set<String> fixedAtCreation() {
    return Set.of("display_name");
  }

  /** The application is named after the stack and the access, so people can tell whose it is. */
  @Override
  public Map<String, Object> derived(Address address, Map<String, Object> facts) {
    return AzureNames.with(facts, "display_name", AzureNames.displayName(String.valueOf(facts.get("stack")), address));
  }

  @Override
  public String whyNotImportable() {
    return "an Entra password cannot be read back, so no Secret could be written from an imported service"
        + " principal: let pullplan create it (an application it tagged for this access is reused)";
  }


  private Applied withNewPassword(Desired desired, MicrosoftGraphApplicationInner app, String spObjectId,
      Optional<ResourceState> replaced) {
    MicrosoftGraphPasswordCredentialInner request = new MicrosoftGraphPasswordCredentialInner()
        .withDisplayName(ServicePrincipalMapping.passwordName(run.stackName()))
        .withEndDateTime(CredentialLifetime.endFrom(run.clock().instant(), desired.attributes()));
    // an application made a moment ago may not have reached every Graph replica yet
    MicrosoftGraphPasswordCredentialInner added = AzureCalls.call(AzureOperation.WRITE_APPLICATION, describe(app.id()),
        () -> ReplicationBackoff.retry(run, err -> err.status() == 404,
            () -> graph().getApplications().addPassword(app.id(),
                new ApplicationsAddPasswordRequestBodyInner().withPasswordCredential(request))));
    Map<String, Object> attributes = withLoginServer(Optional.of(desired.attributes()), ServicePrincipalMapping
        .attributes(ConfigEcho.of(desired.attributes(), ServicePrincipalMapping.CONFIG), app, spObjectId, added));
    return new Applied(app.id(), attributes, Map.of("password", added.secretText()), replaced);
  }

  /**
   * Creates the application once. A POST whose answer was lost (a reset, a timeout, a 5xx) may
   * have made it: before sending it again, look for the application tagged for this resource of
   * this stack, and take it if it is there. Bounded: {@link #CREATE_RETRY_DELAYS}.
   */
  private MicrosoftGraphApplicationInner createApplication(String displayName, Address address) {
    String stack = run.stackName();
    MicrosoftGraphApplicationInner body = new MicrosoftGraphApplicationInner()
        .withDisplayName(displayName)
        .withTags(ServicePrincipalMapping.tags(stack, address))
        .withNotes(ServicePrincipalMapping.notes(stack, address));
    for (int attempt = 0; ; attempt++) {
      try {
        return connection.get().graphWithoutRetry().getApplicationsApplications().createApplication(body);
      } catch (RuntimeException e) {
        if (attempt >= CREATE_RETRY_DELAYS.size() || !mayHaveBeenCarriedOut(e)) {
          throw AzureCalls.translate(AzureOperation.WRITE_APPLICATION, "\"" + displayName + "\"", e);
        }
        Duration delay = CREATE_RETRY_DELAYS.get(attempt);
        run.progress("creating Entra application \"" + displayName + "\": no answer from Graph ("
            + failure(e) + "); looking for it by its tags in " + delay.toSeconds() + " s before trying again");
        ResourceManagerUtils.sleep(delay);
        Optional<MicrosoftGraphApplicationInner> made = applicationsTagged(stack, address).stream().findFirst();
        if (made.isPresent()) {
          return made.get();
        }
      }
    }
  }

  /** Waits between attempts to create an application: a few seconds, about 15 s in all. */
  static final List<Duration> CREATE_RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(4),
      Duration.ofSeconds(10));

  /** A lost answer, throttling or a server error: worth trying again. A refusal (4xx) is final. */
  private static boolean mayHaveBeenCarriedOut(RuntimeException e) {
    Optional<AzureError> error = AzureError.of(e);
    if (error.isPresent()) {
      return error.get().status() == 429 || error.get().status() >= 500;
    }
    return !(e instanceof com.azure.core.exception.ClientAuthenticationException);
  }

  private static String failure(RuntimeException e) {
    return AzureError.of(e).map(err -> err.status() + " " + err.code()).orElseGet(() -> {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return "the connection failed: " + root.getClass().getSimpleName();
    });
  }

  /**
   * Every application tagged for this resource of this stack: the one in state, and any a lost
   * answer made twice in older versions.
   */
  private List<MicrosoftGraphApplicationInner> applicationsTagged(String stack, Address address) {
    return ApplicationListings.list(graph(), "tagged for " + address,
            ServicePrincipalMapping.taggedFilter(ServicePrincipalMapping.addressTag(address)))
        .stream().filter(app -> ServicePrincipalMapping.isOurs(app, stack, address)).toList();
  }

  private String createServicePrincipal(MicrosoftGraphApplicationInner app, Address address) {
    MicrosoftGraphServicePrincipalInner body = new MicrosoftGraphServicePrincipalInner()
        .withAppId(app.appId())
        .withAccountEnabled(true)
        .withDisplayName(app.displayName())
        .withTags(ServicePrincipalMapping.tags(run.stackName(), address));
    // Graph refuses a service principal for an application it has not replicated yet (400)
    return AzureCalls.call(AzureOperation.CREATE_SERVICE_PRINCIPAL, describe(app.id()), () ->
        ReplicationBackoff.retry(run, err -> err.is(400, "Request_BadRequest"),
            () -> graph().getServicePrincipalsServicePrincipals().createServicePrincipal(body))).id();
  }

  /** Passwords a crashed run added and never recorded: nobody knows their values, so they only add risk. */
  private void removeOrphanedPasswords(MicrosoftGraphApplicationInner app) {
    Optional.ofNullable(app.passwordCredentials()).orElse(List.of()).stream()
        .filter(ServicePrincipalMapping::isOurPassword)
        .forEach(p -> AzureCalls.delete(AzureOperation.WRITE_APPLICATION, describe(app.id()), () ->
            graph().getApplications().removePassword(app.id(),
                new ApplicationsRemovePasswordRequestBody().withKeyId(p.keyId()))));
  }

  private Optional<MicrosoftGraphApplicationInner> application(String objectId) {
    return AzureCalls.find(AzureOperation.READ_APPLICATION, describe(objectId), () ->
        graph().getApplicationsApplications().getApplication(objectId));
  }

  /** In a refresh, from the list of names prefetch made when it covers this one; otherwise a query. */
  private List<MicrosoftGraphApplicationInner> listedOrNamed(String displayName) {
    return listings.named(displayName).orElseGet(() -> applicationsNamed(displayName));
  }

  private List<MicrosoftGraphApplicationInner> applicationsNamed(String displayName) {
    return ApplicationListings.list(graph(), "\"" + displayName + "\"",
        "displayName eq '" + ODataText.quote(displayName) + "'");
  }

  private MicrosoftGraphClient graph() {
    return connection.get().home().authorization().serviceClient();
  }

  private static String describe(String objectId) {
    return "(object id " + objectId + ")";
  }
}
