cluster "dev" {
}
