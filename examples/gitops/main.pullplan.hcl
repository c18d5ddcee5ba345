# The stack a GitOps pipeline owns: a change to this file is reviewed as a pull request (the
# pipeline comments the plan) and applied when it merges to main.

variable "subscription_id" {
  type        = string
  description = "Azure subscription of the registry and the clusters (PULLPLAN_VAR_subscription_id in CI)"
}

provider "azure" {
  subscription_id = var.subscription_id
}

# State shared by every pipeline run: a Secret in this namespace of the cluster of the current
# kubeconfig context, locked by a Lease while an apply runs.
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

cluster "staging" {
  aks {
    name           = "aks-staging-weu"
    resource_group = "rg-staging"
  }
}

cluster "production" {
  aks {
    name           = "aks-prod-weu"
    resource_group = "rg-production"
  }
}

access "staging_attach" {
  registry = registry.shared
  cluster  = cluster.staging
  mode     = "attach"
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
  }
}
