registry "shared" {
  acr {
    name           = "pullplandemo.azurecr.io"
    resource_group = "rg-registry"
  }
}
