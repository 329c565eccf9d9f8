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

  # `--` comments are dropped: they explain the query to people, the Logging API does not need them, and dropping
  # them keeps the sink's filter (20 000 characters at most) to the query itself. One RE2 pass that matches, at each
  # position, a double-quoted string first (kept whole through $1, even across lines, so a `--` inside it stays) or
  # else a comment (a whole comment line with its line break, or a comment after a term): replaced by nothing.
  # The function receives this same text (the filter secret), so sink and function apply one query by construction.
  sink_filter = trimspace(replace(
    replace(file(local.filter_path), "\r\n", "\n"),
    "/(\"(?:[^\"\\\\]|\\\\.)*\")|(?m:^[ \\t]*--[^\\n]*\\n)|[ \\t]*--[^\\n]*/",
    "$1",
  ))

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
  description = "The filter file's query without its `--` comments (a `--` inside a quoted string is kept)."
  value       = local.sink_filter
}

output "function_source_files" {
  description = "Paths of the function's source files, relative to repository_root, sorted."
  value       = local.source_files
}
