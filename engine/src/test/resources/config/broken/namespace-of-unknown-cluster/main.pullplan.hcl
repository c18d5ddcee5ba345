cluster "dev" {
  aks {
    name           = "aks-dev"
    resource_group = "rg-dev"
  }
}

namespace "edge" {
  cluster = cluster.partner
  create  = true
}
