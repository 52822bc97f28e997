# Literal credentials Checkov does not look for.
variable "db_password" {
  type        = string
  description = "Database password"
  default     = "Tr0ub4dor&3-prod"
}

variable "signing" {
  sensitive = true
  default   = "k3y-m4t3r1al-2024"
}

locals {
  api_token = "a1b2c3d4e5f6a7b8c9d0e1f2"
  service = {
    name           = "billing"
    client_secret  = "0f9e8d7c6b5a4f3e2d1c"
  }
}

module "database" {
  source          = "./modules/db"
  admin_password  = "ChangeMe!2024"
}
