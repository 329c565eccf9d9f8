output "topic_name" {
  description = "Short name of the topic: gcloud's --trigger-topic."
  value       = module.notifier.topic_name
}

output "dead_letter_topic_id" {
  description = "Dead-letter topic for the subscription Eventarc creates (README)."
  value       = module.notifier.dead_letter_topic_id
}

output "function_service_account" {
  description = "gcloud's --service-account."
  value       = module.notifier.function_service_account
}

output "trigger_service_account" {
  description = "gcloud's --trigger-service-account."
  value       = module.notifier.trigger_service_account
}

output "slack_secret" {
  description = "Secret to add the Slack token to with gcloud secrets versions add."
  value       = module.notifier.slack_secret
}

output "gcloud_deploy_command" {
  description = "The gcloud functions deploy command for this configuration (run it from the repository root)."
  value       = module.notifier.gcloud_deploy_command
}
