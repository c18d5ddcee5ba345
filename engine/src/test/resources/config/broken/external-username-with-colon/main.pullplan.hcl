registry "ghcr" {
  server = "ghcr.io"
}
cluster "dev" {
  aks {
    name           = "aks-dev"
    resource_group = "rg-dev"
  }
}

access "team" {
  registry   = registry.ghcr
  cluster    = cluster.dev
  mode       = "pull_secret"
  namespaces = ["apps"]

  credential {
    type         = "external"
    username     = "robot:ci"
    password_env = "GHCR_TOKEN"
  }
}
