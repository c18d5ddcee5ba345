registry "ghcr" {
  server = "ghcr.io
}
