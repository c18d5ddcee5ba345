registry "ghcr" {
  server = "ghcr.io"
  public
}
