variable "subscription_id" {
  default = "0000"
}

provider "azure" {
  subscription_id = var.subscription
}
