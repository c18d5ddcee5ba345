# A fleet: one cluster block and one access block for every cluster of the fleet. Each cluster
# gets its own credential (an Entra service principal with AcrPull) and a pull secret in each
# namespace; adding a cluster is one more key in var.clusters.

variable "subscription_id" {
  type = string
}

variable "clusters" {
  type        = map(string)
  description = "the kubeconfig context of each cluster of the fleet, by key"
  default     = {
    "dev"     = "aks-dev"
    "partner" = "partner"
  }
}

locals {
  namespaces = ["apps"]
}

provider "azure" {
  subscription_id = var.subscription_id
}

registry "shared" {
  acr {
    name           = "pullplandemo"
    resource_group = "rg-registry"
  }
}

cluster "fleet" {
  for_each = var.clusters
  context  = each.value
}

# one access per cluster instance: access.team["dev"], access.team["partner"]
access "team" {
  for_each    = cluster.fleet
  registry    = registry.shared
  cluster     = each.value
  mode        = "pull_secret"
  namespaces  = local.namespaces
  secret_name = "team-pull"
}

# This stack used to declare one cluster and one access block per cluster. The moved blocks
# hand their credentials and secrets to the new instances: nothing is recreated. They do
# nothing on a stack whose state has no such addresses (a new stack, or once applied).
moved {
  from = cluster.dev
  to   = cluster.fleet["dev"]
}

moved {
  from = cluster.partner
  to   = cluster.fleet["partner"]
}

moved {
  from = access.team_dev
  to   = access.team["dev"]
}

moved {
  from = access.team_partner
  to   = access.team["partner"]
}
