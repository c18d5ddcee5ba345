package dev.pullplan.sandbox;

import dev.pullplan.config.syntax.Attribute;
import dev.pullplan.config.syntax.Block;
import dev.pullplan.config.syntax.Body;
import dev.pullplan.config.syntax.Expr;
import dev.pullplan.config.syntax.NativeSyntax;
import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.DiagnosticsException;
import dev.pullplan.diag.Position;
import dev.pullplan.sandbox.kube.KubeSeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the sandbox's clusters hold from {@code sandbox.hcl}, in pullplan's own HCL syntax:
 *
 * <pre>
 * cluster "partner" {
 *   namespace "edge" { labels = { team = "edge" } }
 *   foreign_secret "edge" "legacy-pull" { server = "registry.partner.example" }
 *   foreign_pull_secret "edge" "default" { secret = "legacy-pull" }
 *   pod "edge" "web" { image = "registry.partner.example/web:1.4" state = "ImagePullBackOff" }
 * }
 * image "edge/sim:2.0" {}   # one more probe image in the real registry, when it runs
 * </pre>
 *
 * Azure registries and AKS clusters beyond the built-in ones are read by {@link SandboxAzureSeed}.
 *
 * The first cluster is the one behind the sandbox's AKS cluster {@code aks-dev}.
 */
public final class SandboxSeedFile {
  public static final String NAME = "sandbox.hcl";

  private SandboxSeedFile() {}

  /** The seed in {@code dir/sandbox.hcl}, or empty when there is no such file. */
  public static Optional<KubeSeed> read(Path dir) {
    Path file = dir.resolve(NAME);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(file.getFileName().toString(), Files.readString(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The {@code image "REPOSITORY:TAG" {}} blocks of {@code dir/sandbox.hcl}: probe images to push. */
  public static List<String> images(Path dir) {
    Path file = dir.resolve(NAME);
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      Diagnostics diagnostics = new Diagnostics();
      Body body = NativeSyntax.parse(NAME, Files.readString(file), diagnostics);
      List<String> images = new ArrayList<>();
      for (Block b : body.blocks()) {
        if (b.type().equals(IMAGE) && b.labels().size() == 1 && b.labels().get(0).value().matches("[a-z0-9._/-]+:[A-Za-z0-9_.-]+")) {
          images.add(b.labels().get(0).value());
        } else if (b.type().equals(IMAGE)) {
          diagnostics.error(b.position(), "`image` takes one label REPOSITORY:TAG", "write image \"edge/sim:2.0\" {}");
        }
      }
      if (diagnostics.hasErrors()) {
        throw new DiagnosticsException(diagnostics.all());
      }
      return images;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static final String IMAGE = "image";

  static KubeSeed parse(String fileName, String text) {
    Diagnostics diagnostics = new Diagnostics();
    Body body = NativeSyntax.parse(fileName, text, diagnostics);
    List<KubeSeed.SeedNamespace> namespaces = new ArrayList<>();
    List<KubeSeed.ForeignSecret> secrets = new ArrayList<>();
    List<KubeSeed.ForeignPullSecretEntry> entries = new ArrayList<>();
    List<KubeSeed.SeedPod> pods = new ArrayList<>();
    if (!diagnostics.hasErrors()) {
      for (Block cluster : body.blocks()) {
        if (cluster.type().equals(IMAGE) || cluster.type().equals("acr")) {
          continue; // the registry's, read by images(); Azure's, read by SandboxAzureSeed
        }
        if (!expect(cluster, "cluster", 1, diagnostics)) {
          continue;
        }
        String name = cluster.labels().get(0).value();
        for (Block b : cluster.body().blocks()) {
          switch (b.type()) {
            case "aks" -> {
              // Azure's: read by SandboxAzureSeed
            }
            case "namespace" -> {
              if (expect(b, "namespace", 1, diagnostics)) {
                namespaces.add(new KubeSeed.SeedNamespace(name, b.labels().get(0).value(), labels(b, diagnostics)));
              }
            }
            case "foreign_secret" -> {
              if (expect(b, "foreign_secret", 2, diagnostics)) {
                secrets.add(new KubeSeed.ForeignSecret(name, b.labels().get(0).value(), b.labels().get(1).value(),
                    string(b, "server", diagnostics)));
              }
            }
            case "foreign_pull_secret" -> {
              if (expect(b, "foreign_pull_secret", 2, diagnostics)) {
                entries.add(new KubeSeed.ForeignPullSecretEntry(name, b.labels().get(0).value(), b.labels().get(1).value(),
                    string(b, "secret", diagnostics)));
              }
            }
            case "pod" -> {
              if (expect(b, "pod", 2, diagnostics)) {
                pod(name, b, diagnostics).ifPresent(pods::add);
              }
            }
            default -> diagnostics.error(b.position(), "unknown block `" + b.type() + "` in a sandbox cluster",
                "write namespace \"NAME\" {...}, foreign_secret \"NAMESPACE\" \"NAME\" {...}, foreign_pull_secret"
                    + " \"NAMESPACE\" \"SERVICEACCOUNT\" {...} or pod \"NAMESPACE\" \"NAME\" {...}");
          }
        }
      }
    }
    if (diagnostics.hasErrors()) {
      throw new DiagnosticsException(diagnostics.all());
    }
    return new KubeSeed(namespaces, secrets, entries, pods);
  }

  /** {@code pod "NS" "NAME" { image = "...", state = "ImagePullBackOff", error = "unauthorized" }}. */
  private static Optional<KubeSeed.SeedPod> pod(String cluster, Block b, Diagnostics diagnostics) {
    String image = string(b, "image", diagnostics);
    String account = optionalString(b, "service_account").orElse("default");
    String stateText = optionalString(b, "state").orElse("Running");
    Optional<KubeSeed.PodState> state = KubeSeed.PodState.parse(stateText);
    if (state.isEmpty()) {
      diagnostics.error(b.position(), "unknown pod state \"" + stateText + "\"",
          "write state = \"Running\", \"ErrImagePull\" or \"ImagePullBackOff\"");
      return Optional.empty();
    }
    String errorText = optionalString(b, "error").orElse("unauthorized");
    Optional<KubeSeed.PullError> error = KubeSeed.PullError.parse(errorText);
    if (error.isEmpty()) {
      diagnostics.error(b.position(), "unknown pull error \"" + errorText + "\"",
          "write error = \"unauthorized\", \"rejected\", \"not_found\" or \"unreachable\"");
      return Optional.empty();
    }
    return Optional.of(new KubeSeed.SeedPod(cluster, b.labels().get(0).value(), b.labels().get(1).value(), image,
        account, state.get(), error.get()));
  }

  private static Optional<String> optionalString(Block b, String name) {
    boolean present = b.body().attributes().stream().anyMatch(x -> x.name().equals(name));
    return present ? Optional.of(string(b, name, new Diagnostics())) : Optional.empty();
  }

  private static boolean expect(Block b, String type, int labels, Diagnostics diagnostics) {
    if (!b.type().equals(type)) {
      diagnostics.error(b.position(), "unknown block `" + b.type() + "` in " + NAME,
          "write cluster \"NAME\" { namespace \"NAME\" {...} }");
      return false;
    }
    if (b.labels().size() != labels) {
      diagnostics.error(b.position(), "`" + type + "` takes " + labels + " label(s), not " + b.labels().size(),
          labels == 1 ? "write " + type + " \"NAME\" {...}" : "write " + type + " \"NAMESPACE\" \"NAME\" {...}");
      return false;
    }
    return true;
  }

  private static String string(Block b, String name, Diagnostics diagnostics) {
    Optional<Attribute> a = b.body().attributes().stream().filter(x -> x.name().equals(name)).findFirst();
    if (a.isPresent() && a.get().value() instanceof Expr.Literal l && l.value() instanceof String s) {
      return s;
    }
    if (a.isPresent() && a.get().value() instanceof Expr.Template t && t.parts().size() == 1
        && t.parts().get(0) instanceof Expr.Literal l && l.value() instanceof String s) {
      return s;
    }
    Position at = a.map(Attribute::position).orElse(b.position());
    diagnostics.error(at, "`" + b.type() + "` needs " + name + " as a string", "write " + name + " = \"...\"");
    return "";
  }

  private static Map<String, String> labels(Block b, Diagnostics diagnostics) {
    Map<String, String> out = new LinkedHashMap<>();
    b.body().attributes().stream().filter(a -> a.name().equals("labels")).findFirst().ifPresent(a -> {
      if (a.value() instanceof Expr.ObjectExpr o) {
        for (Expr.Entry e : o.entries()) {
          out.put(e.key(), Expr.describe(e.value()).replaceAll("^\"|\"$", ""));
        }
      } else {
        diagnostics.error(a.position(), "labels must be a map", "write labels = { team = \"edge\" }");
      }
    });
    return out;
  }
}
