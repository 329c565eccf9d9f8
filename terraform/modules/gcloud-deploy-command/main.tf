# The `gcloud functions deploy` command for a configuration, as text a shell runs unchanged. No providers here, so the
# test suite evaluates it offline and runs its output through bash and the installed gcloud.
#
# Two layers of quoting:
# - gcloud: a dict flag (--set-env-vars, --set-build-env-vars, --set-secrets) splits its value at commas, so a value
#   holding a comma would become a bogus extra pair ("Bad syntax for dict arg"). Then the pairs are joined by the first
#   of `delimiters` that no key or value holds, announced with gcloud's alternate-delimiter prefix ^DELIM^
#   (`gcloud topic escaping`).
# - shell: every word that holds anything beyond plain letters, digits and . _ / : = @ , % + - is single-quoted (a
#   single quote inside becomes '\''), so spaces, quotes, $, ^ and | reach gcloud as written.

terraform {
  required_version = ">= 1.9"
}

variable "function_name" {
  description = "Name of the function."
  type        = string
}

variable "flags" {
  description = "Plain flags in order, each `--name=value` or `--name` (values are quoted for the shell here)."
  type        = list(string)
}

variable "dict_flags" {
  description = "Dict flags in order (flag name, e.g. --set-env-vars, and its KEY => VALUE map); empty maps are left out."
  type = list(object({
    flag   = string
    values = map(string)
  }))
}

locals {
  delimiters = ["|", "@", "#", "~", ";", "+", "%", "!"]

  dict_words = [
    for d in var.dict_flags : (
      alltrue([for k, v in d.values : !strcontains("${k}=${v}", ",")])
      ? "${d.flag}=${join(",", [for k, v in d.values : "${k}=${v}"])}"
      : "${d.flag}=^${local.delimiter[d.flag]}^${join(local.delimiter[d.flag], [for k, v in d.values : "${k}=${v}"])}"
    ) if length(d.values) > 0
  ]

  # Per dict flag: the first delimiter that none of its keys and values holds (null if every one is taken).
  delimiter = {
    for d in var.dict_flags : d.flag => try(
      [for c in local.delimiters : c if !strcontains(join("", [for k, v in d.values : "${k}${v}"]), c)][0],
      null,
    )
  }

  words = concat(["--gen2"], var.flags, local.dict_words)

  quoted = [
    for w in concat([var.function_name], local.words) :
    can(regex("^[A-Za-z0-9_./:=@,%+-]+$", w)) ? w : "'${replace(w, "'", "'\\''")}'"
  ]
}

output "command" {
  description = "The command, one flag per line (backslash continuations), every word quoted for a POSIX shell."
  value       = join(" \\\n  ", concat(["gcloud functions deploy ${local.quoted[0]}"], slice(local.quoted, 1, length(local.quoted))))

  precondition {
    condition     = alltrue([for flag, d in local.delimiter : d != null])
    error_message = "A dict flag's values hold every delimiter gcloud could use (${join(" ", local.delimiters)}); use a --env-vars-file instead."
  }
}
