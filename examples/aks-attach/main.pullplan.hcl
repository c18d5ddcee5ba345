# Attach two ACRs to two AKS clusters, exactly as `az aks update --attach-acr` would,
# but declared, planned and kept in state.

variable "subscription_id" {
  type = string
}

variable "shared_services_subscription" {
  type        = string
  description = "subscription of the central registry, when it differs"
  default     = null
}

provider "azure" {
  subscription_id = var.subscription_id
}

registry "platform" {
  # the login server is what Azure says (`az acr show -n contosoplatform --query loginServer`);
  # pullplan reads it from Azure at run time, but an output is evaluated when the config is
  # loaded, so the output below needs it written here
  server = "contosoplatform.azurecr.io"
  acr {
    name            = "contosoplatform"
    resource_group  = "rg-platform-registry"
    subscription_id = var.shared_services_subscription
  }
}

registry "team" {
  acr {
    name           = "contosoteam"
    resource_group = "rg-team"
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

access "staging_platform" {
  registry = registry.platform
  cluster  = cluster.staging
  mode     = "attach"
}

access "staging_team" {
  registry = registry.team
  cluster  = cluster.staging
  mode     = "attach"
}

access "production_platform" {
  registry = registry.platform
  cluster  = cluster.production
  mode     = "attach"
}

output "platform_login_server" {
  value = registry.platform.server
}
