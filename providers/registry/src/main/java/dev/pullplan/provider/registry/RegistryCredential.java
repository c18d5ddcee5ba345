package dev.pullplan.provider.registry;

import java.util.Objects;

/** What a client presents to a registry. Never printed with its secret. */
public sealed interface RegistryCredential {

  /** The name shown in messages: a username, never a password. */
  String who();

  /** No credential: what a node without a pull secret sends. */
  record Anonymous() implements RegistryCredential {
    @Override
    public String who() {
      return "anonymous";
    }
  }

  /**
   * A username and password as a {@code .dockerconfigjson} holds them: a service principal's appId
   * and secret, an ACR token's name and password, an admin user, any registry's robot account.
   */
  record Basic(String username, String password) implements RegistryCredential {
    public Basic {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String who() {
      return "user " + username;
    }

    @Override
    public String toString() {
      return "Basic[" + username + " password=(sensitive)]";
    }
  }

  /**
   * An Entra access token (a managed identity's, a workload identity's), which ACR exchanges for a
   * refresh token at {@code /oauth2/exchange}.
   */
  record EntraToken(String tenantId, String accessToken, String principal) implements RegistryCredential {
    public EntraToken {
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(accessToken, "accessToken");
      Objects.requireNonNull(principal, "principal");
    }

    @Override
    public String who() {
      return "Entra identity " + principal;
    }

    @Override
    public String toString() {
      return "EntraToken[" + principal + " token=(sensitive)]";
    }
  }
}
