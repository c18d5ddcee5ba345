registry "shared" {
  server = "ghcr.io"

cluster "dev" {
  context = "dev"
}
