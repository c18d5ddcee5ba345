# A stand-in for the stack your GitOps pipeline applies: point the nightly job at that stack's
# directory (it must read the same state backend). Drift reads; it never changes anything.

variable "subscription_id" {
  type        = string
  description = "Azure subscription of the registry and the clusters"
}

provider "azure" {
  subscription_id = var.subscription_id
}

# Read without taking the lock: drift runs even while an apply holds it.
backend "kubernetes" {
  name      = "platform"
  namespace = "pullplan"
}

registry "shared" {
  acr {
    name           = "contosoplatform"
    resource_group = "rg-platform-registry"
  }
}

cluster "production" {
  aks {
    name           = "aks-prod-weu"
    resource_group = "rg-production"
  }
}

access "production_apps" {
  registry   = registry.shared
  cluster    = cluster.production
  mode       = "service_account"
  namespaces = ["shop", "payments"]

  credential {
    type          = "service_principal"
    expires_after = "90d"
    rotate_after  = "60d"
    renew_before  = "14d"
  }
}
