registry main" {
  server = "ghcr.io"
}
cluster "dev" {
  aks {
    name           = "aks-dev"
    resource_group = "rg-dev"
  }
}
