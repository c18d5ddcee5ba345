registry "shared" {
  server = "pullplandemo.azurecr.io"

  acr {
    name           = "pullplandemo"
    resource_group = "rg-registry"
  }
}
