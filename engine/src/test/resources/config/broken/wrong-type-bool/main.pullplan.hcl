cluster "dev" {
  aks {
    name           = "aks-dev"
    resource_group = "rg-dev"
  }
}

namespace "apps" {
  cluster = cluster.dev
  create  = "yes"
}
