registry "shared" {
}
