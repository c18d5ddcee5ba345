provider "azurerm" {
  subscription_id = "0000"
}
