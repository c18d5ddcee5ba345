registry "shared" {
  server = "ghcr.io"
  sku    = "Premium"
}
