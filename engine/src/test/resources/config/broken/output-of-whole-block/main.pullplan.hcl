registry "shared" {
  acr {
    name           = "pullplandemo"
    resource_group = "rg-registry"
  }
}

output "registry" {
  value = registry.shared
}
