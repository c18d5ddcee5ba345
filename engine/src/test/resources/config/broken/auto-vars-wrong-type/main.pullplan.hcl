variable "replicas" {
  type = number
}

variable "teams" {
  type    = list(string)
  default = []
}
