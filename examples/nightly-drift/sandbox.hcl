# The sandbox world this example names: pullplan sandbox up --seed examples/nightly-drift
# The first cluster is the kubeconfig's current context: it holds the state backend's namespace.
cluster "production" {
  aks "aks-prod-weu" {
    resource_group = "rg-production"
  }
  namespace "pullplan" {}
  namespace "shop" {}
  namespace "payments" {}
}
acr "contosoplatform" {
  resource_group = "rg-platform-registry"
}
