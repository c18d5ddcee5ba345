registry "shared registry" {
  server = "ghcr.io"
}
