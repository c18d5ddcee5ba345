# The smallest useful stack: one ACR, an AKS cluster attached to it, a team's namespaces with
# their own service principal, and a partner cluster limited to one repository by an ACR token.

variable "subscription_id" {
  type        = string
  description = "Azure subscription of the registry and the AKS cluster"
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

# AKS: credentials come from ARM, no kubeconfig needed
cluster "dev" {
  aks {
    name           = "aks-dev"
    resource_group = "rg-dev"
  }
}

# any cluster reachable through a context of $KUBECONFIG
cluster "partner" {
  context = "partner"
}

access "dev_attach" {
  registry = registry.shared
  cluster  = cluster.dev
  mode     = "attach"
}

access "team_apps" {
  registry   = registry.shared
  cluster    = cluster.dev
  mode       = "service_account"
  namespaces = ["apps", "jobs"]

  credential {
    type          = "service_principal"
    expires_after = "90d"
    rotate_after  = "60d"
  }
}

access "partner_edge" {
  registry    = registry.shared
  cluster     = cluster.partner
  mode        = "pull_secret"
  namespaces  = ["edge"]
  probe_image = "edge/sim:1.0"

  credential {
    type          = "token"
    repositories  = ["edge/sim"]
    expires_after = "30d"
    renew_before  = "7d"
  }
}

output "partner_secret" {
  value = access.partner_edge.secret_name
}
