# The sandbox world this example names: pullplan sandbox up --seed examples/aks-attach
acr "contosoplatform" {
  resource_group = "rg-platform-registry"
}
acr "contosoteam" {
  resource_group = "rg-team"
}
cluster "staging" {
  aks "aks-staging-weu" {
    resource_group = "rg-staging"
  }
  namespace "apps" {}
}
cluster "production" {
  aks "aks-prod-weu" {
    resource_group = "rg-production"
  }
  namespace "apps" {}
}
