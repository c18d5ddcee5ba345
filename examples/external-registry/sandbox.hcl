# The sandbox world this example names: pullplan sandbox up --seed examples/external-registry
# (its kubeconfig has the context "ci"); then export GHCR_TOKEN=anything for the plan.
cluster "ci" {
  namespace "runners" {}
}
