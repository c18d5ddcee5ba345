# Several teams on one AKS cluster and one registry: pullplan creates the teams' namespaces,
# gives each team its own credential, and covers every namespace labelled for the data team.

variable "subscription_id" {
  type = string
}

variable "teams" {
  type        = list(string)
  description = "namespaces of the web teams"
  default     = ["web-shop", "web-search"]
}

variable "common_labels" {
  type    = map(string)
  default = {
    "app.kubernetes.io/part-of" = "contoso"
  }
}

provider "azure" {
  subscription_id = var.subscription_id
}

backend "local" {
  path = "state/multi-team.state.json"
}

registry "contoso" {
  acr {
    name           = "contosoapps"
    resource_group = "rg-apps"
  }
}

cluster "shared" {
  aks {
    name           = "aks-shared-neu"
    resource_group = "rg-shared"
  }
}

namespace "payments" {
  cluster = cluster.shared
  create  = true
  labels  = {
    team                        = "payments"
    "app.kubernetes.io/part-of" = "contoso"
  }
}

namespace "payments_batch" {
  cluster = cluster.shared
  name    = "payments-batch"
  create  = true
  labels  = {
    team = "payments"
  }
}

access "payments" {
  registry    = registry.contoso
  cluster     = cluster.shared
  mode        = "service_account"
  namespaces  = [namespace.payments.name, namespace.payments_batch.name]
  secret_name = "contoso-payments"

  credential {
    expires_after = "180d"
    rotate_after  = "120d"
  }
}

access "web" {
  registry   = registry.contoso
  cluster    = cluster.shared
  mode       = "pull_secret"
  namespaces = var.teams

  credential {
    type          = "token"
    repositories  = ["web/shop", "web/search", "web/assets"]
    expires_after = "60d"
    rotate_after  = "45d"
  }
}

access "data" {
  registry           = registry.contoso
  cluster            = cluster.shared
  mode               = "pull_secret"
  namespace_selector = { team = "data" }
  secret_name        = "contoso-data"

  credential {
    type          = "service_principal"
    expires_after = "90d"
    renew_before  = "14d"
    # On a registry in ABAC mode (az acr update --role-assignment-mode rbac-abac) the service
    # principal's role assignment can be limited to repositories, see docs/azure.md:
    # repositories = ["data/*"]
  }
}

output "secrets" {
  value = [access.payments.secret_name, access.web.secret_name, access.data.secret_name]
}
