# The sandbox world this example names: pullplan sandbox up --seed examples/partner-clusters,
# then plan with -var kubeconfig=$KUBECONFIG (the sandbox's kubeconfig has both contexts).
acr "fabrikamproducts" {
  resource_group = "rg-products"
}
cluster "robotics-prod" {
  namespace "edge" {}
  namespace "robotics-jobs" {}
}
cluster "logistics-prod" {
  namespace "tracking" {}
}
