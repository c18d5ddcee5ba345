package dev.pullplan.provider.kubernetes;

/** One entry of a {@code .dockerconfigjson}: what a kubelet sends to a registry. */
record RegistryLogin(String server, String username, String password) {

  @Override
  public String toString() {
    return "RegistryLogin[" + server + " " + username + " password=(sensitive)]";
  }
}
