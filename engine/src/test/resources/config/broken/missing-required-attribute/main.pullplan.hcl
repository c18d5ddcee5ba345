registry "shared" {
  acr {
    name = "pullplandemo"
  }
}
