registry "shared" {
  acr {
    name           = "pullplandemo"
    resource_group = "rg-registry"
  }
}
cluster "dev" {
  aks {
    name           = "aks-dev"
    resource_group = "rg-dev"
  }
}

access "team" {
  registry   = registry.shared
  cluster    = cluster.dev
  mode       = "pull_secret"
  namespaces = ["apps"]

  credential {
    type         = "service_principal"
    repositories = ["team/app"]
  }
}
