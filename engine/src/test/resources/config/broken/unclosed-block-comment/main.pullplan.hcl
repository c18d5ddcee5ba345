registry "ghcr" {
  server = "ghcr.io"
}

/* this comment never ends
cluster "dev" {
  context = "dev"
}
