# A registry pullplan does not manage (GitHub Container Registry): the username is in the
# config, the token comes from the environment and is never written to the config.

registry "ghcr" {
  server = "ghcr.io"
}

# the context "ci" of $KUBECONFIG (else ~/.kube/config), as kubectl finds it
cluster "ci" {
  context = "ci"
}

access "ghcr_runners" {
  registry    = registry.ghcr
  cluster     = cluster.ci
  mode        = "service_account"
  namespaces  = ["runners"]
  secret_name = "ghcr-pull"
  probe_image = "example-org/runner:latest"

  credential {
    type         = "external"
    username     = "example-bot"
    password_env = "GHCR_TOKEN"
  }
}

output "ghcr_server" {
  value = registry.ghcr.server
}
