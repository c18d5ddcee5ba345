package dev.pullplan.testing;

import dev.pullplan.PullplanException;
import dev.pullplan.expand.Expander;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.model.Lifetime;
import dev.pullplan.spi.ApplyContext;
import dev.pullplan.spi.Applied;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Importable;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.Provider;
import dev.pullplan.spi.ProviderSession;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.Rotatable;
import dev.pullplan.spi.RunContext;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider whose "cloud" is a map: every resource type of the expansion, with the behaviour
 * the SPI contract asks for. Tests look at {@link #objects()} (the world) and {@link #log()}
 * (what was done, in order), and can make a resource fail or be slow.
 */
public final class InMemoryProvider implements Provider {
  /** An object in the world; {@code passwords} are the credential's live passwords. */
  public record StoredObject(String type, Map<String, Object> attributes, Map<String, String> sensitive) {}

  private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> delays = new ConcurrentHashMap<>();
  private final Set<String> stalledReads = ConcurrentHashMap.newKeySet();
  private volatile boolean failAround;
  private final Map<String, String> goneAbove = new ConcurrentHashMap<>();
  private final List<String> readWarnings = new CopyOnWriteArrayList<>();
  private final AtomicInteger passwords = new AtomicInteger();
  private final AtomicInteger concurrent = new AtomicInteger();
  private final AtomicInteger maxConcurrent = new AtomicInteger();
  private final AtomicInteger reads = new AtomicInteger();
  private final Set<String> createBeforeDestroy = ConcurrentHashMap.newKeySet();
  private final Map<String, String> ids = new ConcurrentHashMap<>();
  private final Set<String> sameIdOnCreate = ConcurrentHashMap.newKeySet();
  private final AtomicInteger generations = new AtomicInteger();

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Set<String> resourceTypes() {
    return Set.of(ResourceTypes.K8S_NAMESPACE, ResourceTypes.K8S_SECRET, ResourceTypes.K8S_SA_PULL_SECRET,
        ResourceTypes.EXTERNAL_CREDENTIAL, ResourceTypes.AZURE_SERVICE_PRINCIPAL, ResourceTypes.AZURE_ROLE_ASSIGNMENT,
        ResourceTypes.AZURE_ACR_ATTACH, ResourceTypes.ACR_SCOPE_MAP, ResourceTypes.ACR_TOKEN);
  }

  @Override
  public ProviderSession open(RunContext context) {
    return new ProviderSession() {
      @Override
      public ResourceHandler handler(String type) {
        return new Handler(type, context);
      }

      @Override
      public void prefetch(Collection<ReadRequest> batch) {
        log.add("prefetch " + batch.size());
      }

      @Override
      public void applying(Collection<ReadRequest> changes) {
        if (failAround) {
          throw new PullplanException("the memory cloud cannot list");
        }
        log.add("applying " + changes.size() + " (" + changes.stream().filter(c -> c.prior().isEmpty()).count()
            + " new)");
      }

      @Override
      public void applied() {
        if (failAround) {
          throw new PullplanException("the memory cloud cannot check");
        }
      }
    };
  }

  public Map<String, StoredObject> objects() {
    return objects;
  }

  public List<String> log() {
    return log;
  }

  public int reads() {
    return reads.get();
  }

  public int maxConcurrent() {
    return maxConcurrent.get();
  }

  /**
   * Makes {@code type} replaced create-before-destroy; its objects then get a new id on every
   * create, so the old and the new one can be told apart.
   */
  public void createBeforeDestroy(String type) {
    createBeforeDestroy.add(type);
  }

  /** Makes a create of {@code type} find its object again (same id), as a deterministic name does. */
  public void sameIdOnCreate(String type) {
    sameIdOnCreate.add(type);
  }

  /** The id of the object at {@code address} now. */
  public String id(String address) {
    return ids.getOrDefault(address, address);
  }

  /** Makes every change of {@code address} fail. */
  public void failOn(String address) {
    failing.add(address);
  }

  public void clearFailures() {
    failing.clear();
  }

  /** Makes every read raise {@code message} as a run warning, as a provider does for a risky setting. */
  public void warnOnRead(String message) {
    readWarnings.add(message);
  }

  /** The work before an apply's changes and after them ({@code applying}, {@code applied}) fails. */
  public void failAroundTheChanges() {
    failAround = true;
  }

  /** Reads of this address never return (until the reading thread is interrupted), as a call nobody answers. */
  public void stallReads(String address) {
    stalledReads.add(address);
  }

  /**
   * Removes the object as a provider sees a recorded object that was not pullplan's to lose (a
   * grant inherited from above, removed there): its read says what happened.
   */
  public void goneAbove(String address, String whatHappened) {
    objects.remove(address);
    goneAbove.put(address, whatHappened);
  }

  public void delay(String address, long millis) {
    delays.put(address, millis);
  }

  /** Changes an object behind pullplan's back. */
  public void tamper(String address, String attribute, Object value) {
    StoredObject o = objects.get(address);
    Map<String, Object> attrs = new LinkedHashMap<>(o.attributes());
    attrs.put(attribute, value);
    objects.put(address, new StoredObject(o.type(), attrs, o.sensitive()));
  }

  public void tamperSensitive(String address, String attribute, String value) {
    StoredObject o = objects.get(address);
    Map<String, String> s = new LinkedHashMap<>(o.sensitive());
    s.put(attribute, value);
    objects.put(address, new StoredObject(o.type(), o.attributes(), s));
  }

  private final class Handler implements ResourceHandler, Rotatable, Importable {
    private final String type;
    private final RunContext context;

    Handler(String type, RunContext context) {
      this.type = type;
      this.context = context;
    }

    @Override
    public Observed read(ReadRequest request) {
      reads.incrementAndGet();
      readWarnings.forEach(context::warn);
      if (stalledReads.contains(request.address().toString())) {
        stall();
      }
      StoredObject o = objects.get(request.address().toString());
      if (o == null) {
        String gone = goneAbove.get(request.address().toString());
        return gone == null ? Observed.absent() : Observed.gone(gone);
      }
      // Like Entra, a credential's password cannot be read back.
      Map<String, String> sensitive = isCredential() ? Map.of() : o.sensitive();
      return new Observed.Present(id(request.address().toString()), o.attributes(), sensitive, List.of());
    }

    @Override
    public String idFormat() {
      return "the address";
    }

    @Override
    public Observed importById(ReadRequest request, String id) {
      return read(request);
    }

    @Override
    public boolean createBeforeDestroy() {
      return createBeforeDestroy.contains(type);
    }

    @Override
    public Applied create(Desired desired, ApplyContext ctx) {
      return write("create", desired);
    }

    @Override
    public Applied update(Desired desired, ResourceState prior, ApplyContext ctx) {
      Applied fresh = write("update", desired);
      // like Entra and ACR: a password's end date cannot change, so a new lifetime is a new password
      boolean newLifetime = isCredential()
          && !Objects.equals(desired.attributes().get("expires_after"), prior.attributes().get("expires_after"));
      return newLifetime ? new Applied(fresh.id(), fresh.attributes(), fresh.sensitive(), Optional.of(prior)) : fresh;
    }

    @Override
    public Applied rotate(Desired desired, ResourceState prior, ApplyContext ctx) {
      Applied fresh = write("rotate", desired);
      return new Applied(fresh.id(), fresh.attributes(), fresh.sensitive(), Optional.of(prior));
    }

    @Override
    public void retire(ResourceState deposed, ApplyContext ctx) {
      work("retire", deposed.address().toString());
    }

    @Override
    public void retireAllBut(ResourceState current, ApplyContext ctx) {
      work("retire-all-but", current.address().toString());
    }

    @Override
    public void delete(ResourceState prior, ApplyContext ctx) {
      String address = prior.address().toString();
      work("delete", createBeforeDestroy() ? prior.id() : address);
      if (id(address).equals(prior.id())) {
        objects.remove(address);
        ids.remove(address);
      }
    }

    /** As a registry provider names what it makes after the stack and the access. */
    @Override
    public Map<String, Object> derived(dev.pullplan.address.Address address, Map<String, Object> facts) {
      if (!type.equals(ResourceTypes.ACR_SCOPE_MAP) && !type.equals(ResourceTypes.ACR_TOKEN)) {
        return facts;
      }
      Map<String, Object> out = new LinkedHashMap<>(facts);
      out.put("name", "pullplan-" + facts.get("stack") + "-" + address.blockName());
      return out;
    }

    @Override
    public Set<String> replaceOn() {
      return type.equals(ResourceTypes.K8S_SECRET) ? Set.of("namespace", "name") : Set.of("registry");
    }

    /**
     * As the real providers: how to reach the cluster, what the login check needs of the access and
     * which Azure objects the blocks name are recorded, never compared.
     */
    @Override
    public Set<String> locators() {
      return switch (type) {
        case ResourceTypes.K8S_SECRET -> Set.of(Expander.CLUSTER_CONNECTION, Expander.PROBE_IMAGE,
            Expander.CREDENTIAL_TYPE);
        case ResourceTypes.K8S_NAMESPACE, ResourceTypes.K8S_SA_PULL_SECRET -> Set.of(Expander.CLUSTER_CONNECTION);
        case ResourceTypes.AZURE_SERVICE_PRINCIPAL -> Set.of(Expander.ACR);
        case ResourceTypes.AZURE_ROLE_ASSIGNMENT, ResourceTypes.AZURE_ACR_ATTACH -> Set.of(Expander.ACR, Expander.AKS);
        default -> Set.of();
      };
    }

    @Override
    public Set<String> computed() {
      return isCredential() ? Set.of("created_at", "expires_at", "object_id", "username", "scope_map_id", "server")
          : Set.of("created_at", "expires_at", "object_id", "username", "scope_map_id");
    }

    /** ARM's loginServer of the registry the credential is for (the public cloud's NAME.azurecr.io). */
    private static java.util.Optional<String> loginServer(Desired desired) {
      return java.util.Optional.ofNullable(desired.attributes().get(Expander.ACR))
          .map(acr -> dev.pullplan.model.AzureResourceRef.parse(String.valueOf(acr)).name() + ".azurecr.io");
    }

    private boolean isCredential() {
      return type.equals(ResourceTypes.AZURE_SERVICE_PRINCIPAL) || type.equals(ResourceTypes.ACR_TOKEN)
          || type.equals(ResourceTypes.EXTERNAL_CREDENTIAL);
    }

    private Applied write(String verb, Desired desired) {
      String address = desired.address().toString();
      // a create-before-destroy type's new object has an id of its own, so the old one can be removed after it
      String id = createBeforeDestroy() && !verb.equals("update") && !sameIdOnCreate.contains(type)
          ? address + "#" + generations.incrementAndGet() : id(address);
      work(verb, createBeforeDestroy() ? id : address);
      Map<String, Object> attrs = new LinkedHashMap<>(desired.attributes());
      Map<String, String> sensitive = new LinkedHashMap<>();
      desired.sensitive().forEach((k, v) -> sensitive.put(k, (String) v));
      if (isCredential()) {
        Instant now = context.clock().instant();
        attrs.put("created_at", now.toString());
        attrs.put("username", "user-" + desired.address().blockName());
        attrs.put("object_id", "oid-" + desired.address().blockName());
        if (!type.equals(ResourceTypes.EXTERNAL_CREDENTIAL)) {
          // as the Azure provider: the registry's login server, as ARM would answer it
          loginServer(desired).ifPresent(server -> attrs.put("server", server));
        }
        sensitive.put("password", "pw-" + passwords.incrementAndGet());
        if (desired.attributes().get("expires_after") instanceof String lifetime) {
          Lifetime.parse(lifetime).ifPresent(l -> attrs.put("expires_at", now.plus(l.duration()).toString()));
        }
      }
      if (type.equals(ResourceTypes.ACR_SCOPE_MAP)) {
        attrs.put("scope_map_id", "/scopeMaps/" + desired.string("name"));
      }
      objects.put(address, new StoredObject(type, Map.copyOf(attrs), Map.copyOf(sensitive)));
      ids.put(address, id);
      return Applied.of(id, attrs, sensitive);
    }

    private static void stall() {
      try {
        new java.util.concurrent.CountDownLatch(1).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PullplanException("interrupted");
      }
    }

    private void work(String verb, String address) {
      int now = concurrent.incrementAndGet();
      maxConcurrent.accumulateAndGet(now, Math::max);
      try {
        log.add(verb + " " + address);
        Long delay = delays.get(address);
        if (delay != null) {
          Thread.sleep(delay);
        }
        if (failing.contains(address)) {
          throw new PullplanException("injected failure for " + address);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PullplanException("interrupted");
      } finally {
        concurrent.decrementAndGet();
      }
    }
  }
}
