registy "shared" {
  server = "ghcr.io"
}
