variable "project_id" {
  description = "Project that holds the topic, the secret, the service accounts and the function."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project ID: 6-30 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "region" {
  description = "Region of the function, its Eventarc trigger and the source bucket."
  type        = string
  default     = "europe-west1"

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]+$", var.region))
    error_message = "region must be a Google Cloud region such as europe-west1 or us-central1."
  }
}

variable "name_prefix" {
  description = "Prefix of every resource name (topic, sink, secret, service accounts, custom role)."
  type        = string
  default     = "gke-events"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be at least 4 lower-case letters, digits or hyphens, starting with a letter and not ending with a hyphen."
  }

  # Service account IDs are 6-30 characters; the longest one made from the prefix is "<prefix>-trigger".
  validation {
    condition     = length("${var.name_prefix}-trigger") <= 30
    error_message = "name_prefix is too long: the service account ID \"${var.name_prefix}-trigger\" would be over 30 characters (the limit); use at most 22."
  }

}

variable "enable_apis" {
  description = "Enable the APIs this module needs. They are left enabled on destroy."
  type        = bool
  default     = true
}

variable "filter_file" {
  description = "Cloud Logging query file for the sink and the function. null: the repository's filters/default.filter. Its -- comments are dropped; the function gets the same text (filter secret)."
  type        = string
  default     = null
}

variable "routing_file" {
  description = "Routing file (NOTIFIER_CONFIG_FILE, YAML) to store in Secret Manager and mount into the function. null: no routing; every alert goes to SLACK_CHANNEL / SLACK_WEBHOOK_URL."
  type        = string
  default     = null

  validation {
    condition     = var.routing_file == null || try(fileexists(var.routing_file), false)
    error_message = "routing_file must name an existing file."
  }
}

variable "build_service_account" {
  description = "E-mail of an existing service account Cloud Build builds the function as. null: the module creates <name_prefix>-build with roles/run.builder."
  type        = string
  default     = null

  validation {
    condition     = var.build_service_account == null || can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9.-]+\\.iam\\.gserviceaccount\\.com$", var.build_service_account))
    error_message = "build_service_account must be a service account e-mail such as builder@my-project.iam.gserviceaccount.com."
  }
}

variable "sink_scope" {
  description = "Where the Logs Router sink lives: \"project\" (project_id only), or \"folder\" / \"organization\" for an aggregated sink over every project below sink_parent_id."
  type        = string
  default     = "project"

  validation {
    condition     = contains(["project", "folder", "organization"], var.sink_scope)
    error_message = "sink_scope must be \"project\", \"folder\" or \"organization\"."
  }
}

variable "sink_parent_id" {
  description = "Numeric folder or organization ID for an aggregated sink (sink_scope folder or organization); ignored for a project sink."
  type        = string
  default     = null

  validation {
    condition     = var.sink_scope == "project" || can(regex("^[0-9]+$", coalesce(var.sink_parent_id, "-")))
    error_message = "sink_parent_id must be the numeric folder or organization ID when sink_scope is \"folder\" or \"organization\"."
  }
}

variable "cluster_project_ids" {
  description = "Projects whose GKE clusters the function looks pods up in (custom role granted in each). Empty: project_id only. List every project an aggregated sink covers."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.cluster_project_ids : can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", p))])
    error_message = "cluster_project_ids must hold Google Cloud project IDs."
  }
}

variable "message_retention_duration" {
  description = "How long the alert topic keeps messages (seconds with an s suffix, 600s to 2678400s)."
  type        = string
  default     = "86400s"

  validation {
    condition     = can(regex("^[0-9]+s$", var.message_retention_duration)) && try(tonumber(trimsuffix(var.message_retention_duration, "s")) >= 600 && tonumber(trimsuffix(var.message_retention_duration, "s")) <= 2678400, false)
    error_message = "message_retention_duration must be between 600s and 2678400s."
  }
}

variable "dead_letter_retention_duration" {
  description = "How long the dead-letter subscription keeps messages that could not be delivered (600s to 604800s)."
  type        = string
  default     = "604800s"

  validation {
    condition     = can(regex("^[0-9]+s$", var.dead_letter_retention_duration)) && try(tonumber(trimsuffix(var.dead_letter_retention_duration, "s")) >= 600 && tonumber(trimsuffix(var.dead_letter_retention_duration, "s")) <= 604800, false)
    error_message = "dead_letter_retention_duration must be between 600s and 604800s."
  }
}

variable "deploy_function" {
  description = "Also build and deploy the function from this repository (otherwise deploy it with the gcloud command from the README / the gcloud_deploy_command output)."
  type        = bool
  default     = false
}

variable "function_name" {
  description = "Name of the Cloud Run function (gen2)."
  type        = string
  default     = "gke-event-notifier"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,48}[a-z0-9]$", var.function_name))
    error_message = "function_name must be 2-50 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "source_dir" {
  description = "Repository root the function is built from when deploy_function = true. null: three levels above this module."
  type        = string
  default     = null
}

variable "source_bucket" {
  description = "Bucket for the function's source archive when deploy_function = true. null: <project_id>-<name_prefix>-source (at most 60 characters, given the limits on both)."
  type        = string
  default     = null

  # Cloud Storage bucket names: 3-63 characters (without dots), lower-case letters, digits, - and _, starting and
  # ending with a letter or digit, not starting with "goog". Checked here, since the API is the first to refuse them.
  validation {
    condition     = var.source_bucket == null || can(regex("^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$", var.source_bucket)) && !startswith(coalesce(var.source_bucket, "-"), "goog")
    error_message = "source_bucket must be a Cloud Storage bucket name: 3-63 lower-case letters, digits, - or _, starting and ending with a letter or digit, not starting with \"goog\"."
  }
}

variable "runtime" {
  description = "Cloud Run functions runtime; must match the project's target framework (net10.0)."
  type        = string
  default     = "dotnet10"

  validation {
    condition     = can(regex("^dotnet[0-9]+$", var.runtime))
    error_message = "runtime must be a .NET runtime such as dotnet10."
  }
}

variable "ready_to_run" {
  description = "Publish ReadyToRun (precompiled) code: less CPU to the first answered event on a cold start, a larger image. Set as build environment (PublishReadyToRun, RuntimeIdentifier), which MSBuild reads during the buildpack's restore too."
  type        = bool
  default     = true
}

variable "build_args" {
  description = "GOOGLE_BUILD_ARGS: appended to the buildpack's dotnet publish command only, not to its restore (so it cannot switch ReadyToRun on; see ready_to_run). Empty: none."
  type        = string
  default     = ""
}

variable "available_memory" {
  description = "Memory of each function instance (Cloud Run quantity such as 512Mi or 1Gi)."
  type        = string
  default     = "512Mi"

  validation {
    condition     = can(regex("^[0-9]+(Mi|Gi|M|G)$", var.available_memory))
    error_message = "available_memory must be a quantity such as 512Mi or 1Gi."
  }
}

variable "available_cpu" {
  description = "vCPUs of each function instance. Concurrency above 1 needs at least 1."
  type        = string
  default     = "1"

  validation {
    condition     = can(tonumber(var.available_cpu)) && try(tonumber(var.available_cpu) > 0, false)
    error_message = "available_cpu must be a positive number such as 1 or 0.5."
  }

  # Cloud Run functions refuse concurrency above 1 on less than one vCPU, at deploy time.
  validation {
    condition     = var.max_instance_request_concurrency == 1 || try(tonumber(var.available_cpu) >= 1, false)
    error_message = "available_cpu must be at least 1 when max_instance_request_concurrency is above 1 (it is ${var.max_instance_request_concurrency}): raise the CPU or set the concurrency to 1."
  }
}

variable "max_instance_request_concurrency" {
  description = "Events one instance handles at the same time."
  type        = number
  default     = 8

  validation {
    condition     = var.max_instance_request_concurrency >= 1 && var.max_instance_request_concurrency <= 1000 && floor(var.max_instance_request_concurrency) == var.max_instance_request_concurrency
    error_message = "max_instance_request_concurrency must be a whole number from 1 to 1000."
  }
}

variable "max_instance_count" {
  description = "Upper bound on instances: also bounds the load on Slack and on the Kubernetes API during an event storm."
  type        = number
  default     = 3

  validation {
    condition     = var.max_instance_count >= 1 && floor(var.max_instance_count) == var.max_instance_count
    error_message = "max_instance_count must be a whole number of at least 1."
  }
}

variable "min_instance_count" {
  description = "Instances kept warm (0: pay nothing when idle, accept a cold start on the first event)."
  type        = number
  default     = 0

  validation {
    condition     = var.min_instance_count >= 0 && floor(var.min_instance_count) == var.min_instance_count
    error_message = "min_instance_count must be a whole number of at least 0."
  }

  validation {
    condition     = var.min_instance_count <= var.max_instance_count
    error_message = "min_instance_count (${var.min_instance_count}) must not be above max_instance_count (${var.max_instance_count})."
  }
}

variable "recovery_check_minutes" {
  description = "Minutes between two recovery sweeps (a Cloud Scheduler job publishing gke-events-sweep=1 to the topic); 0: no job, and incidents without a recovery event stay open."
  type        = number
  default     = 5

  validation {
    condition     = contains([0, 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60], var.recovery_check_minutes)
    error_message = "recovery_check_minutes must divide an hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60) so that sweeps are evenly spaced, or be 0 for no sweep."
  }
}

variable "timeout_seconds" {
  description = "How long one event may take before the platform fails it (and Pub/Sub redelivers it)."
  type        = number
  default     = 60

  validation {
    condition     = var.timeout_seconds >= 1 && var.timeout_seconds <= 540
    error_message = "timeout_seconds must be from 1 to 540 for an event-triggered function."
  }
}

variable "slack_channel" {
  description = "SLACK_CHANNEL: channel ID (C…) or name the bot posts to. Empty: not set (messages go to stdout unless a webhook is configured)."
  type        = string
  default     = ""
}

variable "slack_secret_variable" {
  description = "Environment variable the secret is exposed as: SLACK_BOT_TOKEN (chat.postMessage with SLACK_CHANNEL) or SLACK_WEBHOOK_URL (incoming webhook)."
  type        = string
  default     = "SLACK_BOT_TOKEN"

  validation {
    condition     = contains(["SLACK_BOT_TOKEN", "SLACK_WEBHOOK_URL"], var.slack_secret_variable)
    error_message = "slack_secret_variable must be SLACK_BOT_TOKEN or SLACK_WEBHOOK_URL."
  }
}

variable "function_environment" {
  description = "More environment variables for the function, e.g. GKE_API_URL. Never the Slack token (it comes from its secret), nor the filter or routing file (they come from filter_file and routing_file)."
  type        = map(string)
  default     = {}

  validation {
    condition     = !contains(keys(var.function_environment), "SLACK_BOT_TOKEN") && !contains(keys(var.function_environment), "SLACK_WEBHOOK_URL")
    error_message = "SLACK_BOT_TOKEN and SLACK_WEBHOOK_URL are secrets: keep them in Secret Manager, not in function_environment."
  }

  validation {
    condition     = length(setintersection(keys(var.function_environment), ["EVENT_FILTER", "EVENT_FILTER_FILE", "NOTIFIER_CONFIG_FILE"])) == 0
    error_message = "EVENT_FILTER, EVENT_FILTER_FILE and NOTIFIER_CONFIG_FILE are set by the module (the sink's filter and routing_file, mounted from Secret Manager): use filter_file and routing_file instead."
  }
}

variable "labels" {
  description = "Labels added to every resource that takes labels."
  type        = map(string)
  default     = {}
}

variable "firestore_database" {
  description = "Firestore (Native mode) database that holds the shared alert state; the function gets FIRESTORE_DATABASE from it."
  type        = string
  default     = "(default)"

  validation {
    condition     = can(regex("^(\\(default\\)|[a-z][a-z0-9-]{2,62})$", var.firestore_database))
    error_message = "firestore_database must be \"(default)\" or a database id: 4 to 63 lower-case letters, digits and '-', starting with a letter."
  }
}

variable "create_firestore_database" {
  description = "Create the Firestore database; false when firestore_database already exists in the project (a project has at most one (default))."
  type        = bool
  default     = true
}

variable "firestore_location" {
  description = "Location of a Firestore database created here (e.g. eur3, nam5, europe-west1); empty: the region."
  type        = string
  default     = ""
}

variable "dead_letter_alert_channel" {
  description = "Cloud Monitoring notification channel (projects/PROJECT/notificationChannels/ID) to alert when messages wait in the dead-letter subscription; null: no alert policy."
  type        = string
  default     = null

  validation {
    condition     = var.dead_letter_alert_channel == null || can(regex("^projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/notificationChannels/[0-9]+$", var.dead_letter_alert_channel))
    error_message = "dead_letter_alert_channel must be a notification channel name: projects/PROJECT/notificationChannels/ID (gcloud beta monitoring channels list --format='value(name)')."
  }
}
