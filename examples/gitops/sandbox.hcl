# The sandbox world this example names: pullplan sandbox up --seed examples/gitops
# The first cluster is the kubeconfig's current context: it holds the state backend's namespace.
cluster "staging" {
  aks "aks-staging-weu" {
    resource_group = "rg-staging"
  }
  namespace "pullplan" {}
  namespace "shop" {}
  namespace "payments" {}
}
cluster "production" {
  aks "aks-prod-weu" {
    resource_group = "rg-production"
  }
  namespace "shop" {}
  namespace "payments" {}
}
acr "contosoplatform" {
  resource_group = "rg-platform-registry"
}
