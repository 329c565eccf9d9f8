terraform {
  # 1.9: variable validations that refer to other variables.
  required_version = ">= 1.9"

  required_providers {
    # The test suite checks every resource here against the provider schema (6.50, plus the 7.x differences listed in
    # docs/deploy.md): ProviderSchemaCheckTests.
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
