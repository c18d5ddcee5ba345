provider "azure" {
  subscription = "0000"
}
