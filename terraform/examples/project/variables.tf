variable "project_id" {
  description = "Project that holds the topic, the secret, the service accounts and the function."
  type        = string
}

variable "region" {
  description = "Region of the function, its Eventarc trigger and the source bucket."
  type        = string
  default     = "europe-west1"
}

variable "slack_channel" {
  description = "SLACK_CHANNEL: channel ID (C…) or name the bot posts to. Empty: not set (messages go to stdout unless a webhook is configured)."
  type        = string
  default     = ""
}

variable "filter_file" {
  description = "Cloud Logging query file for the sink and the function; null: the repository's filters/default.filter."
  type        = string
  default     = null
}

variable "routing_file" {
  description = "Routing file (NOTIFIER_CONFIG_FILE) to store in Secret Manager and mount into the function; null: no routing."
  type        = string
  default     = null
}

variable "deploy_function" {
  description = "Also build and deploy the function from this repository (otherwise deploy it with the gcloud command from the README / the gcloud_deploy_command output)."
  type        = bool
  default     = false
}
