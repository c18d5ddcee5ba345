registry "ghcr" {
  server = lower("GHCR.IO")
}
