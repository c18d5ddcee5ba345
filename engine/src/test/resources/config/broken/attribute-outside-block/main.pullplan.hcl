server = "ghcr.io"

registry "ghcr" {
  server = "ghcr.io"
}
