output "topic_id" {
  description = "Full ID of the topic the sink publishes to (projects/…/topics/…)."
  value       = google_pubsub_topic.events.id
}

output "topic_name" {
  description = "Short name of that topic: the value of gcloud's --trigger-topic."
  value       = google_pubsub_topic.events.name
}

output "dead_letter_topic_id" {
  description = "Full ID of the dead-letter topic, for gcloud pubsub subscriptions update --dead-letter-topic."
  value       = google_pubsub_topic.dead_letter.id
}

output "dead_letter_subscription" {
  description = "Subscription that keeps dead letters; pull from it to see what was never delivered."
  value       = google_pubsub_subscription.dead_letter.name
}

output "sink_writer_identity" {
  description = "Identity the Logs Router sink publishes as: the Logging service agent of the sink's parent, shared by every sink under that parent; allowed to publish on this topic only."
  value       = local.sink_writer_identity
}

output "function_service_account" {
  description = "Runtime service account of the function: gcloud's --service-account."
  value       = google_service_account.function.email
}

output "trigger_service_account" {
  description = "Service account Eventarc delivers events as: gcloud's --trigger-service-account."
  value       = google_service_account.trigger.email
}

output "build_service_account" {
  description = "Service account Cloud Build builds the function as: gcloud's --build-service-account (projects/…/serviceAccounts/…)."
  value       = local.build_service_account_name
}

output "filter_secret" {
  description = "Secret Manager secret holding the sink's filter text, mounted into the function at EVENT_FILTER_FILE."
  value       = google_secret_manager_secret.filter.secret_id
}

output "routing_secret" {
  description = "Secret Manager secret holding routing_file, mounted into the function at NOTIFIER_CONFIG_FILE; null without routing_file."
  value       = one(google_secret_manager_secret.routing[*].secret_id)
}

output "slack_secret" {
  description = "Secret Manager secret ID holding the Slack credential (created without a value)."
  value       = google_secret_manager_secret.slack.secret_id
}

output "pod_lookup_roles" {
  description = "Custom role granted to the function in each cluster project, by project."
  value       = { for p, r in google_project_iam_custom_role.pod_lookup : p => r.id }
}

output "function_uri" {
  description = "URI of the function's service when deploy_function = true, else null."
  value       = one(google_cloudfunctions2_function.notifier[*].service_config[0].uri)
}

# The same settings as google_cloudfunctions2_function in function.tf, as one shell command (quoting explained in the
# module). The trigger's invoker binding is a separate step (README), since the function must exist first.
module "deploy_command" {
  source = "../gcloud-deploy-command"

  function_name = var.function_name
  flags = [
    "--project=${var.project_id}",
    "--region=${var.region}",
    "--runtime=${var.runtime}",
    "--source=.",
    "--entry-point=GkeEventNotifier.Function",
    "--build-service-account=${local.build_service_account_name}",
    "--trigger-topic=${google_pubsub_topic.events.name}",
    "--retry",
    "--service-account=${google_service_account.function.email}",
    "--trigger-service-account=${google_service_account.trigger.email}",
    "--memory=${var.available_memory}",
    "--cpu=${var.available_cpu}",
    "--concurrency=${var.max_instance_request_concurrency}",
    "--max-instances=${var.max_instance_count}",
    "--min-instances=${var.min_instance_count}",
    "--timeout=${var.timeout_seconds}s",
    "--ingress-settings=internal-only",
  ]
  dict_flags = [
    { flag = "--set-build-env-vars", values = local.build_environment },
    {
      flag = "--set-secrets"
      values = merge(
        { (var.slack_secret_variable) = "${google_secret_manager_secret.slack.secret_id}:latest" },
        { for m in local.mounted_secrets : "${m.directory}/${m.file}" => "${m.secret}:latest" },
      )
    },
    { flag = "--set-env-vars", values = local.function_environment },
  ]
}

output "gcloud_deploy_command" {
  description = "The gcloud functions deploy command for this configuration (run it from the repository root), quoted for the shell."
  value       = module.deploy_command.command
}
