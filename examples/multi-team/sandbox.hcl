# The sandbox world this example names: pullplan sandbox up --seed examples/multi-team
acr "contosoapps" {
  resource_group = "rg-apps"
}
cluster "shared" {
  aks "aks-shared-neu" {
    resource_group = "rg-shared"
  }
  # payments and payments-batch are not here: the example creates them
  namespace "web-shop" {}
  namespace "web-search" {}
  namespace "analytics" {
    labels = { team = "data" }
  }
}
