registry "ghcr" {
  server = "https://ghcr.io/v2/"
}
