variable "db_password" {
  type      = string
  sensitive = true
}

variable "password_length" {
  default = "32"
}

variable "api_token" {
  default = ""
}

locals {
  # References and interpolation are not literals.
  api_token = var.api_token
  dsn       = "postgres://app:${var.db_password}@db:5432/app"
  token_ttl = "3600"
  secret_name = "prod/db/password"
  heredoc = <<-EOT
    password = "not-an-attribute-of-locals"
  EOT
}

resource "aws_db_instance" "main" {
  password = var.db_password # resources are Checkov's to judge
}
