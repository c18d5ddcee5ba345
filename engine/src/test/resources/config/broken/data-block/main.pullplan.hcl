registry "shared" {
  acr {
    name           = "pullplandemo"
    resource_group = "rg-registry"
  }
}

data "http" "registry_list" {
  url = "https://example.com/registries.json"
}
