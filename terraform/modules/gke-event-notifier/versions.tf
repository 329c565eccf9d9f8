terraform {
  # 1.9: variable validations that refer to other variables.
  required_version = ">= 1.9"

  required_providers {
    # Argument names checked against the 7.x provider documentation; nothing used here changed in 8.0.
    google = {
      source  = "hashicorp/google"
      version = "~> 7.0"
    }
    # archive_file with `source` blocks, for the allow-listed function source (only when deploy_function = true).
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.7"
    }
  }
}
