package dev.pullplan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullplan.PullplanException;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.model.Access;
import dev.pullplan.provider.registry.ImageName;
import dev.pullplan.provider.registry.RegistryClient;
import dev.pullplan.provider.registry.RegistryCredential;
import dev.pullplan.provider.registry.RegistryException;
import dev.pullplan.render.Json;
import dev.pullplan.context.Run;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Prove, with the registry's own answer, that pods can pull: for every Secret pullplan manages "
        + "and every ServiceAccount that lists it, read the credential from the cluster, log in to the registry "
        + "with it and HEAD the access's probe_image (without one, only the login is checked). A credential "
        + "whose password ends within renew_before is a warning. Changes nothing.",
        "",
        "Not checked yet: the node identity of `attach` accesses (shown as skipped), and Secrets a ServiceAccount "
            + "lists that pullplan does not manage."},
    footer = {"", "Exit codes: 0 every check passed, 1 a check failed or could not run."})
final class VerifyCommand implements Callable<Integer> {
  private final Console console;

  @Mixin CommonOptions common;
  @Mixin VariableOptions vars;
  @Mixin StateOptions state;

  @Option(names = {"--format", "-format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (a table, default), json, markdown (a table for a pull request or a chat) or junit "
          + "(one test case per check, failing when the check fails).")
  String format;

  @Option(names = {"--parallelism", "-parallelism"}, paramLabel = "N", defaultValue = "10",
      description = "How many checks run at once (default: ${DEFAULT-VALUE}).")
  int parallelism;

  VerifyCommand(Console console) {
    this.console = console;
  }

  /** One row: where a pod would run, with what, and what the registry said. */
  record Check(String cluster, String namespace, String serviceAccount, String credential, String repository,
      String result, String reason) {
    boolean failed() {
      return result.equals("fail");
    }
  }

  /** What a Secret in the cluster holds, read through the Kubernetes provider. */
  private record Login(String server, String username, String password) {
  }

  @Override
  public Integer call() {
    if (!List.of("text", "json", "markdown", "junit").contains(format)) {
      throw new PullplanException("--format is text, json, markdown or junit, not " + format);
    }
    if (parallelism < 1) {
      throw new PullplanException("--parallelism must be at least 1");
    }
    Printer printer = new Printer(console, common);
    Workspace ws = Workspace.open(console, printer, common, vars, state);
    State current = ws.backend().read().orElseThrow(() -> new PullplanException(
        "nothing to verify: no state in " + ws.backend().describe() + " (run `pullplan apply` first)"));
    List<Check> checks;
    try (Run run = ws.engine().open(ws.stack())) {
      checks = verify(run, current);
    }
    printer.print(switch (format) {
      case "json" -> json(checks);
      case "markdown" -> markdown(checks);
      case "junit" -> junit(checks);
      default -> table(checks);
    });
    return checks.stream().anyMatch(Check::failed) ? ExitCodes.ERROR : ExitCodes.OK;
  }

  private List<Check> verify(Run run, State current) {
    RegistryClient client = RegistryClient.withDefaults(run.httpLog());
    Map<String, Optional<String>> answers = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      List<Future<List<Check>>> pending = new ArrayList<>();
      for (ResourceState r : current.resources()) {
        if (r.type().equals(ResourceTypes.K8S_SECRET)) {
          pending.add(pool.submit(() -> secretChecks(run, current, r, client, answers)));
        } else if (r.type().equals(ResourceTypes.AZURE_ACR_ATTACH)) {
          pending.add(pool.submit(() -> List.of(new Check(r.attributes().getOrDefault("cluster", "").toString(),
              "*", "*", "node identity", "*", "skipped", "the kubelet identity of attach is not verified yet"))));
        }
      }
      List<Check> checks = new ArrayList<>();
      for (Future<List<Check>> f : pending) {
        checks.addAll(f.get());
      }
      return checks;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PullplanException("interrupted while verifying");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof PullplanException p ? p
          : new PullplanException("verify failed: " + e.getCause().getClass().getSimpleName(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** The Secret's own row (pods that list it) and one row per ServiceAccount pullplan added it to. */
  private List<Check> secretChecks(Run run, State current, ResourceState secret, RegistryClient client,
      Map<String, Optional<String>> answers) {
    String cluster = secret.string("cluster");
    String namespace = secret.string("namespace");
    String name = secret.string("name");
    Optional<Access> access = Optional.ofNullable(run.stack().accesses().get(secret.address().blockName()));
    Optional<ImageName> probe = access.flatMap(Access::probeImage).flatMap(ImageName::parse);
    String repository = probe.map(ImageName::toString).orElse("(login only)");
    Observed observed = run.handler(secret.type())
        .read(new ReadRequest(secret.address(), secret.type(), Optional.empty(), Optional.of(secret)));
    Optional<Login> login = observed instanceof Observed.Present p && p.sensitive().containsKey("password")
        ? Optional.of(new Login(String.valueOf(p.attributes().get("server")),
            String.valueOf(p.attributes().get("username")), p.sensitive().get("password")))
        : Optional.empty();
    String credential = login.map(l -> l.username() + "@" + l.server()).orElse("secret " + name);
    Optional<String> failure = login.isEmpty()
        ? Optional.of(observed instanceof Observed.Unreadable u ? "secret " + name + " cannot be read: " + u.message()
            : "secret " + name + " is missing or holds no login for " + secret.attributes().get("server"))
        : answers.computeIfAbsent(key(login.get(), repository), k -> ask(client, login.get(), probe));
    Optional<String> expiring = failure.isPresent() ? Optional.empty() : expiring(run, current, secret, access);
    List<Check> checks = new ArrayList<>();
    checks.add(row(cluster, namespace, "(pods listing " + name + ")", credential, repository, failure, expiring));
    for (ResourceState entry : current.resources()) {
      if (entry.type().equals(ResourceTypes.K8S_SA_PULL_SECRET) && entry.address().block().equals(secret.address().block())
          && entry.attributes().get("namespace").equals(namespace)) {
        String account = entry.string("service_account");
        Observed listed = run.handler(entry.type())
            .read(new ReadRequest(entry.address(), entry.type(), Optional.empty(), Optional.of(entry)));
        Optional<String> entryFailure = listed instanceof Observed.Present ? failure
            : Optional.of("ServiceAccount " + account + " does not list " + name + " in imagePullSecrets");
        checks.add(row(cluster, namespace, account, credential, repository, entryFailure,
            entryFailure.isPresent() ? Optional.empty() : expiring));
      }
    }
    return checks;
  }

  private static Optional<String> ask(RegistryClient client, Login login, Optional<ImageName> probe) {
    RegistryCredential.Basic basic = new RegistryCredential.Basic(login.username(), login.password());
    try {
      if (probe.isPresent()) {
        client.head(login.server(), basic, probe.get());
      } else {
        client.authenticate(login.server(), basic);
      }
      return Optional.empty();
    } catch (RegistryException e) {
      return Optional.of(e.failure().kind() + ": " + e.failure().reason());
    }
  }

  /** One answer per login and repository (an in-memory key: never printed). */
  private static String key(Login login, String repository) {
    return login.server() + "\n" + login.username() + "\n" + login.password() + "\n" + repository;
  }

  private static Check row(String cluster, String namespace, String account, String credential, String repository,
      Optional<String> failure, Optional<String> expiring) {
    if (failure.isPresent()) {
      return new Check(cluster, namespace, account, credential, repository, "fail", failure.get());
    }
    String works = repository.equals("(login only)") ? "the registry accepts the login" : "the registry serves the manifest";
    return expiring.map(e -> new Check(cluster, namespace, account, credential, repository, "warn", works + "; " + e))
        .orElse(new Check(cluster, namespace, account, credential, repository, "ok", works));
  }

  /**
   * A credential pullplan made whose password ends within the access's {@code renew_before}: it
   * pulls today, and stops the day its end passes unless an apply renews it.
   */
  private static Optional<String> expiring(Run run, State current, ResourceState secret, Optional<Access> access) {
    Optional<java.time.Duration> renewBefore = access.flatMap(a -> a.credential().renewBefore())
        .map(dev.pullplan.model.Lifetime::duration);
    if (renewBefore.isEmpty()) {
      return Optional.empty();
    }
    java.time.Instant now = run.clock().instant();
    return current.resources().stream()
        .filter(r -> r.address().block().equals(secret.address().block()) && r.attributes().get("expires_at") != null)
        .map(r -> java.time.Instant.parse(String.valueOf(r.attributes().get("expires_at"))))
        .filter(end -> !now.plus(renewBefore.get()).isBefore(end))
        .findFirst()
        .map(end -> "its password ends " + end + ", within renew_before " + access.get().credential().renewBefore()
            .orElseThrow().text() + ": run pullplan apply to renew it");
  }

  static String table(List<Check> checks) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"CLUSTER", "NAMESPACE", "SERVICE ACCOUNT", "CREDENTIAL", "REPOSITORY", "RESULT", "REASON"});
    checks.forEach(c -> rows.add(new String[] {c.cluster(), c.namespace(), c.serviceAccount(), c.credential(),
        c.repository(), c.result(), c.reason()}));
    int[] widths = new int[6];
    for (String[] row : rows) {
      for (int i = 0; i < 6; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < 6; i++) {
        out.append(String.format("%-" + widths[i] + "s  ", row[i]));
      }
      out.append(row[6]).append('\n');
    }
    long failed = checks.stream().filter(Check::failed).count();
    out.append('\n').append(failed == 0 ? "Verify passed: " + checks.size() + " check(s)."
        : "Verify failed: " + failed + " of " + checks.size() + " check(s).").append('\n');
    return out.toString();
  }

  static String markdown(List<Check> checks) {
    long failed = checks.stream().filter(Check::failed).count();
    StringBuilder out = new StringBuilder(failed == 0 ? "**Verify passed:** " + checks.size() + " check(s).\n\n"
        : "**Verify failed:** " + failed + " of " + checks.size() + " check(s).\n\n");
    out.append("| cluster | namespace | service account | credential | repository | result | reason |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    for (Check c : checks) {
      out.append("| ").append(String.join(" | ", cell(c.cluster()), cell(c.namespace()), cell(c.serviceAccount()),
          cell(c.credential()), cell(c.repository()), c.failed() ? "**fail**" : c.result(), cell(c.reason())))
          .append(" |\n");
    }
    return out.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  /** One test suite, one test case per check: CI dashboards show a pull that would fail as a failed test. */
  static String junit(List<Check> checks) {
    long failed = checks.stream().filter(Check::failed).count();
    long skipped = checks.stream().filter(c -> c.result().equals("skipped")).count();
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<testsuite name=\"pullplan verify\" tests=\"").append(checks.size()).append("\" failures=\"")
        .append(failed).append("\" skipped=\"").append(skipped).append("\">\n");
    for (Check c : checks) {
      out.append("  <testcase classname=\"").append(xml(c.cluster() + "/" + c.namespace())).append("\" name=\"")
          .append(xml(c.serviceAccount() + " pulls " + c.repository() + " as " + c.credential())).append('"');
      if (c.failed()) {
        out.append(">\n    <failure message=\"").append(xml(c.reason())).append("\"/>\n  </testcase>\n");
      } else if (c.result().equals("skipped")) {
        out.append(">\n    <skipped message=\"").append(xml(c.reason())).append("\"/>\n  </testcase>\n");
      } else {
        out.append("/>\n");
      }
    }
    return out.append("</testsuite>\n").toString();
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  static String json(List<Check> checks) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("passed", checks.stream().noneMatch(Check::failed));
    ArrayNode rows = root.putArray("checks");
    for (Check c : checks) {
      rows.addObject().put("cluster", c.cluster()).put("namespace", c.namespace())
          .put("service_account", c.serviceAccount()).put("credential", c.credential())
          .put("repository", c.repository()).put("result", c.result()).put("reason", c.reason());
    }
    return Json.write(root) + "\n";
  }
}
