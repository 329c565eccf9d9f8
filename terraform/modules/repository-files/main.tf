# What terraform reads from the repository: the sink filter and the function's source files.
# No providers here, so the test suite evaluates it offline (`terraform console`) and checks it against the filter
# file and against `gcloud meta list-files-for-upload`.

terraform {
  required_version = ">= 1.9"
}

variable "repository_root" {
  description = "Repository root: the directory holding global.json, filters/ and src/."
  type        = string
}

variable "filter_file" {
  description = "Cloud Logging query file for the sink; null means filters/default.filter in the repository."
  type        = string
  default     = null
}

locals {
  filter_path = coalesce(var.filter_file, "${var.repository_root}/filters/default.filter")

  # Whole-line `--` comments are dropped: they explain the query to people, the Logging API does not need them, and
  # dropping them keeps the sink's filter (20 000 characters at most) to the query itself. Only whole lines go, so a
  # `--` inside a quoted value is never touched.
  sink_filter = trimspace(join("\n", [
    for line in split("\n", replace(file(local.filter_path), "\r", "")) : line
    if !startswith(trimspace(line), "--") && trimspace(line) != ""
  ]))

  # The same allow-list as .gcloudignore at the repository root: the build policy files, the embedded filter and the
  # two projects the function is built from. Local build output must not change the archive (and redeploy).
  source_patterns = [
    "{global.json,Directory.Build.props,Directory.Packages.props,.editorconfig}",
    "filters/**",
    "src/GkeEventNotifier/**",
    "src/GkeEventNotifier.Function/**",
  ]
  source_files = sort([
    for f in distinct(flatten([for p in local.source_patterns : fileset(var.repository_root, p)])) : f
    if !can(regex("(^|/)(bin|obj)/", f)) && !endswith(f, ".user")
  ])
}

output "sink_filter" {
  description = "The filter file's query without its comment lines."
  value       = local.sink_filter
}

output "function_source_files" {
  description = "Paths of the function's source files, relative to repository_root, sorted."
  value       = local.source_files
}
