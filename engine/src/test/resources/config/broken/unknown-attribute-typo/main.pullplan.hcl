registry "shared" {
  acr {
    name           = "pullplandemo"
    resource_grup  = "rg-registry"
  }
}
