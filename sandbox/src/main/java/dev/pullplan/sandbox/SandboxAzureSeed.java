package dev.pullplan.sandbox;

import dev.pullplan.config.syntax.Attribute;
import dev.pullplan.config.syntax.Block;
import dev.pullplan.config.syntax.Body;
import dev.pullplan.config.syntax.Expr;
import dev.pullplan.config.syntax.NativeSyntax;
import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.DiagnosticsException;
import dev.pullplan.sandbox.azure.AzureSeed;
import dev.pullplan.sandbox.kube.KubeSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The Azure side of {@code sandbox.hcl}: registries and AKS clusters beyond the built-in ones, so an
 * example naming its own ({@code contosoplatform}, {@code aks-prod-weu}) can be planned against the
 * sandbox as it is written:
 *
 * <pre>
 * acr "contosoplatform" { resource_group = "rg-platform-registry" }
 * cluster "production" {
 *   aks "aks-prod-weu" { resource_group = "rg-production" }   # ARM's user credential reaches this cluster
 *   namespace "shop" {}
 * }
 * </pre>
 *
 * {@code local_accounts_disabled = true} in an {@code aks} block makes it an Entra ID–only cluster:
 * its user credential is a {@code kubelogin} kubeconfig, and its sandbox cluster's API accepts only
 * Entra tokens for the AKS server application.
 *
 * Resource groups are created as named; each AKS cluster gets a kubelet identity derived from its
 * name, and its user credential is a kubeconfig whose current context is the sandbox cluster it is in.
 */
public record SandboxAzureSeed(List<AzureSeed.Registry> registries, List<Aks> clusters) {
  /** An AKS cluster {@code name} in {@code resourceGroup} whose API server is sandbox cluster {@code kubeCluster}. */
  public record Aks(String kubeCluster, String resourceGroup, String name, boolean localAccountsDisabled) {
    public Aks(String kubeCluster, String resourceGroup, String name) {
      this(kubeCluster, resourceGroup, name, false);
    }
  }

  public static final SandboxAzureSeed NONE = new SandboxAzureSeed(List.of(), List.of());

  /** What {@code dir/sandbox.hcl} adds to Azure; nothing when there is no such file. */
  public static SandboxAzureSeed read(Path dir) {
    Path file = dir.resolve(SandboxSeedFile.NAME);
    if (!Files.exists(file)) {
      return NONE;
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static SandboxAzureSeed parse(String text) {
    Diagnostics diagnostics = new Diagnostics();
    Body body = NativeSyntax.parse(SandboxSeedFile.NAME, text, diagnostics);
    List<AzureSeed.Registry> registries = new ArrayList<>();
    List<Aks> clusters = new ArrayList<>();
    for (Block b : body.blocks()) {
      if (b.type().equals("acr") && b.labels().size() == 1) {
        registries.add(new AzureSeed.Registry(group(b, diagnostics), b.labels().get(0).value(), "westeurope", "Standard", false));
      } else if (b.type().equals("acr")) {
        diagnostics.error(b.position(), "`acr` takes one label, the registry's name", "write acr \"NAME\" { resource_group = \"rg\" }");
      } else if (b.type().equals("cluster") && b.labels().size() == 1) {
        for (Block aks : b.body().blocks()) {
          if (aks.type().equals("aks") && aks.labels().size() == 1) {
            clusters.add(new Aks(b.labels().get(0).value(), group(aks, diagnostics), aks.labels().get(0).value(),
                localAccountsDisabled(aks, diagnostics)));
          } else if (aks.type().equals("aks")) {
            diagnostics.error(aks.position(), "`aks` takes one label, the AKS cluster's name",
                "write aks \"NAME\" { resource_group = \"rg\" }");
          }
        }
      }
    }
    if (diagnostics.hasErrors()) {
      throw new DiagnosticsException(diagnostics.all());
    }
    return new SandboxAzureSeed(registries, clusters);
  }

  /** {@code seed} with these registries and clusters (and their resource groups) added. */
  public AzureSeed addTo(AzureSeed seed, KubeSandbox kube) {
    AzureSeed result = seed;
    Set<String> groups = new LinkedHashSet<>(seed.resourceGroups());
    for (String group : registries.stream().map(AzureSeed.Registry::resourceGroup).toList()) {
      result = groups.add(group) ? result.withResourceGroup(group) : result;
    }
    for (String group : clusters.stream().map(Aks::resourceGroup).toList()) {
      result = groups.add(group) ? result.withResourceGroup(group) : result;
    }
    for (AzureSeed.Registry r : registries) {
      result = result.withRegistry(r);
    }
    for (Aks c : clusters) {
      if (!kube.clusterNames().contains(c.kubeCluster())) {
        throw new IllegalArgumentException("aks \"" + c.name() + "\" is in sandbox cluster \"" + c.kubeCluster()
            + "\", which holds nothing: give it a namespace block");
      }
      AzureSeed.Cluster cluster = new AzureSeed.Cluster(c.resourceGroup(), c.name(), "westeurope",
          new AzureSeed.KubeletIdentity(id(c, "kubelet object"), id(c, "kubelet client"),
              "/subscriptions/" + seed.subscriptionId() + "/resourceGroups/MC_" + c.resourceGroup() + "_" + c.name()
                  + "_westeurope/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + c.name() + "-agentpool"),
          c.localAccountsDisabled()
              ? kube.kubeloginKubeconfig(c.kubeCluster(), c.name(), c.resourceGroup(), seed.tenantId())
              : kube.kubeconfig(c.kubeCluster()));
      result = result.withCluster(c.localAccountsDisabled() ? cluster.withLocalAccountsDisabled() : cluster);
    }
    return result;
  }

  private static String id(Aks c, String what) {
    return UUID.nameUUIDFromBytes((c.resourceGroup() + "/" + c.name() + "/" + what).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static boolean localAccountsDisabled(Block aks, Diagnostics diagnostics) {
    Optional<Attribute> a = aks.body().attributes().stream().filter(x -> x.name().equals("local_accounts_disabled"))
        .findFirst();
    if (a.isEmpty()) {
      return false;
    }
    if (a.get().value() instanceof Expr.Literal l && l.value() instanceof Boolean b) {
      return b;
    }
    diagnostics.error(aks.position(), "`local_accounts_disabled` is true or false", "write local_accounts_disabled = true");
    return false;
  }

  private static String group(Block b, Diagnostics diagnostics) {
    Optional<Attribute> a = b.body().attributes().stream().filter(x -> x.name().equals("resource_group")).findFirst();
    if (a.isPresent() && a.get().value() instanceof Expr.Template t && t.parts().size() == 1
        && t.parts().get(0) instanceof Expr.Literal l && l.value() instanceof String s) {
      return s;
    }
    if (a.isPresent() && a.get().value() instanceof Expr.Literal l && l.value() instanceof String s) {
      return s;
    }
    diagnostics.error(b.position(), "`" + b.type() + "` needs resource_group as a string", "write resource_group = \"rg\"");
    return "";
  }
}
