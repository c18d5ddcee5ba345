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
  registry = registry.ghcr
  cluster  = cluster.dev
  mode     = "attach"
}
