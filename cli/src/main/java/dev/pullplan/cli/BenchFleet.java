package dev.pullplan.cli;

import dev.pullplan.sandbox.azure.AzureSeed;
import dev.pullplan.sandbox.kube.KubeSeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's fleet: {@code clusters} clusters of {@code namespaces} labelled namespaces each,
 * and {@code registries} ACR registries (none: one external registry, which needs no Azure).
 * Every cluster gets one access per registry, all by {@code namespace_selector}: the first in
 * {@code service_account} mode, the others in {@code pull_secret} mode, each with its own ACR token.
 * At 20 × 100 × 2 that is 4 000 Secrets and 2 000 ServiceAccount entries, the fleet issue 15 measured.
 */
record BenchFleet(int clusters, int namespaces, int registries) {
  static final String RESOURCE_GROUP = "rg-registry";
  /** The password of the external registry's credential, when there is no ACR. */
  static final String TOKEN_VARIABLE = "BENCH_TOKEN";

  BenchFleet {
    if (clusters < 1 || namespaces < 0 || registries < 0) {
      throw new IllegalArgumentException("a fleet has at least one cluster, and no negative counts");
    }
  }

  static String cluster(int i) {
    return "fleet-" + i;
  }

  static String registry(int j) {
    return "benchacr" + j;
  }

  KubeSeed kubeSeed() {
    List<KubeSeed.SeedNamespace> seeded = new ArrayList<>();
    for (int c = 0; c < clusters; c++) {
      for (int n = 0; n < namespaces; n++) {
        seeded.add(new KubeSeed.SeedNamespace(cluster(c), "bench-" + n, Map.of("bench", "yes")));
      }
      if (namespaces == 0) {
        // a cluster the seed names must hold something
        seeded.add(new KubeSeed.SeedNamespace(cluster(c), "default", Map.of()));
      }
    }
    // the cluster behind the sandbox's AKS cluster
    seeded.add(new KubeSeed.SeedNamespace("aks-dev", "apps", Map.of()));
    return new KubeSeed(seeded, List.of(), List.of());
  }

  AzureSeed azureSeed(AzureSeed base) {
    AzureSeed seed = base;
    for (int j = 0; j < registries; j++) {
      seed = seed.withRegistry(new AzureSeed.Registry(RESOURCE_GROUP, registry(j), "westeurope", "Standard", false));
    }
    return seed;
  }

  /** The stack, written out block by block (one access per cluster and registry). */
  String stack() {
    StringBuilder hcl = new StringBuilder();
    if (registries == 0) {
      hcl.append("registry \"r0\" {\n  server = \"ghcr.io\"\n}\n\n");
    } else {
      hcl.append("variable \"subscription_id\" {\n  type = string\n}\n\n");
      hcl.append("provider \"azure\" {\n  subscription_id = var.subscription_id\n}\n\n");
      for (int j = 0; j < registries; j++) {
        hcl.append("registry \"r").append(j).append("\" {\n  acr {\n    name           = \"").append(registry(j))
            .append("\"\n    resource_group = \"").append(RESOURCE_GROUP).append("\"\n  }\n}\n\n");
      }
    }
    for (int c = 0; c < clusters; c++) {
      hcl.append("cluster \"c").append(c).append("\" {\n  context = \"").append(cluster(c)).append("\"\n}\n\n");
      for (int j = 0; j < Math.max(1, registries); j++) {
        hcl.append("access \"c").append(c).append("_r").append(j).append("\" {\n")
            .append("  registry           = registry.r").append(j).append('\n')
            .append("  cluster            = cluster.c").append(c).append('\n')
            .append("  mode               = \"").append(j == 0 ? "service_account" : "pull_secret").append("\"\n")
            .append("  namespace_selector = { bench = \"yes\" }\n")
            .append("  secret_name        = \"bench-r").append(j).append("\"\n");
        if (registries == 0) {
          hcl.append("  credential {\n    type         = \"external\"\n    username     = \"bench\"\n")
              .append("    password_env = \"").append(TOKEN_VARIABLE).append("\"\n  }\n");
        } else {
          hcl.append("  credential {\n    type          = \"token\"\n    repositories  = [\"apps/web\"]\n")
              .append("    expires_after = \"90d\"\n  }\n");
        }
        hcl.append("}\n\n");
      }
    }
    return hcl.toString();
  }
}
