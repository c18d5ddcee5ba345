registry "shared" {
  server = "pullplandemo.azurecr.io"
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
    type         = "external"
    username     = "puller"
    password_env = "REGISTRY_PASSWORD"
    repositories = ["team/app"]
  }
}
