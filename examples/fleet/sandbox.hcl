# The sandbox world this example names: pullplan sandbox up --seed examples/fleet
# (the built-in registry pullplandemo, and an apps namespace in both clusters of var.clusters).
cluster "aks-dev" {
  namespace "apps" {}
}
cluster "partner" {
  namespace "apps" {}
}
