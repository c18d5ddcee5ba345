registry "shared" {
  acr = {
    name           = "pullplandemo"
    resource_group = "rg-registry"
  }
}
