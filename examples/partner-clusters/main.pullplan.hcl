# Partner clusters that are not AKS: each gets ACR tokens limited to the repositories it may
# pull, stored as pull secrets and added to the service accounts its workloads run as.

variable "subscription_id" {
  type = string
}

variable "kubeconfig" {
  type        = string
  description = "kubeconfig holding the partners' contexts"
  default     = "~/.kube/partners.yaml"
}

provider "azure" {
  subscription_id = var.subscription_id
}

registry "products" {
  acr {
    name           = "fabrikamproducts"
    resource_group = "rg-products"
  }
}

cluster "robotics" {
  kubeconfig = var.kubeconfig
  context    = "robotics-prod"
}

cluster "logistics" {
  kubeconfig = var.kubeconfig
  context    = "logistics-prod"
}

namespace "robotics_edge" {
  cluster = cluster.robotics
  name    = "edge"
}

access "robotics" {
  registry         = registry.products
  cluster          = cluster.robotics
  mode             = "service_account"
  namespaces       = [namespace.robotics_edge.name, "robotics-jobs"]
  service_accounts = ["default", "edge-agent"]
  secret_name      = "fabrikam-products"
  probe_image      = "robotics/agent:2.3"

  credential {
    type          = "token"
    repositories  = ["robotics/agent", "robotics/sim"]
    expires_after = "90d"
    rotate_after  = "60d"
  }
}

access "logistics" {
  registry    = registry.products
  cluster     = cluster.logistics
  mode        = "pull_secret"
  namespaces  = ["tracking"]
  probe_image = "logistics/tracker:1.0"

  credential {
    type          = "token"
    repositories  = ["logistics/tracker"]
    expires_after = "30d"
    renew_before  = "7d"
  }
}

output "robotics_secret" {
  value = access.robotics.secret_name
}
