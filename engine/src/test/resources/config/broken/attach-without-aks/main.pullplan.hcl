registry "shared" {
  acr {
    name           = "pullplandemo"
    resource_group = "rg-registry"
  }
}
cluster "partner" {
  context = "partner"
}

access "team" {
  registry = registry.shared
  cluster  = cluster.partner
  mode     = "attach"
}
