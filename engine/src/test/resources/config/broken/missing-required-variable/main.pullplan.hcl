variable "subscription_id" {
  type = string
}

provider "azure" {
  subscription_id = var.subscription_id
}
