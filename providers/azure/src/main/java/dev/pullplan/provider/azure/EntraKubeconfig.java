package dev.pullplan.provider.azure;

import dev.pullplan.PullplanException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user kubeconfig of an AKS cluster with Entra ID integration runs {@code kubelogin} to get a
 * token, which pullplan must not need (no binary, no prompt). This replaces its users with one
 * bearer token pullplan got itself, with its own Azure credential, for the AKS Entra server
 * application. Pure text work on the shape ARM generates (Go's YAML: keys sorted, so {@code users:}
 * is the last section, and each user is {@code - name: …} followed by its {@code user:} map): a
 * kubeconfig in another shape is refused rather than guessed at.
 */
final class EntraKubeconfig {
  /** The AKS Entra server application, the same in every tenant. */
  static final String AKS_SERVER_APPLICATION = "6dae42f8-4368-4678-94ff-3960e28e3630";
  static final String SCOPE = AKS_SERVER_APPLICATION + "/.default";

  private static final Pattern USERS = Pattern.compile("(?m)^users:\\s*$");
  private static final Pattern USER_NAME = Pattern.compile("(?m)^- name: (.+)$");
  private static final Pattern KUBELOGIN = Pattern.compile("(?m)^\\s+command: (\\S*/)?kubelogin\\s*$");

  private EntraKubeconfig() {}

  /** Whether the kubeconfig gets its token from kubelogin. */
  static boolean usesKubelogin(String kubeconfig) {
    return KUBELOGIN.matcher(kubeconfig).find();
  }

  /** The kubeconfig with every user holding {@code token} instead of a kubelogin exec. */
  static String withToken(String kubeconfig, String token, String cluster) {
    Matcher users = USERS.matcher(kubeconfig);
    if (!users.find()) {
      throw unexpected(cluster);
    }
    String head = kubeconfig.substring(0, users.start());
    String tail = kubeconfig.substring(users.end());
    if (Pattern.compile("(?m)^[A-Za-z]").matcher(tail).find()) {
      throw unexpected(cluster); // another top-level key after users: not the generated shape
    }
    List<String> names = new ArrayList<>();
    Matcher name = USER_NAME.matcher(tail);
    while (name.find()) {
      names.add(name.group(1).trim());
    }
    if (names.isEmpty()) {
      throw unexpected(cluster);
    }
    StringBuilder out = new StringBuilder(head).append("users:\n");
    for (String n : names) {
      out.append("- name: ").append(n).append('\n')
          .append("  user:\n")
          .append("    token: ").append(token).append('\n');
    }
    return out.toString();
  }

  private static PullplanException unexpected(String cluster) {
    return new PullplanException("AKS cluster " + cluster + " handed out a kubelogin kubeconfig pullplan cannot"
        + " read: set kubeconfig (and context) on its cluster block to one converted with"
        + " `kubelogin convert-kubeconfig -l azurecli` (or -l spn / -l workloadidentity)");
  }
}
