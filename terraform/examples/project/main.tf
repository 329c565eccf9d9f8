# The example root the README uses: one project, its GKE events, alerts to one Slack channel.
#   terraform init && terraform apply -var project_id=my-project -var slack_channel=C0123456789
# Then set the secret's value and deploy the function with the printed gcloud command (README).

module "notifier" {
  source = "../../modules/gke-event-notifier"

  project_id      = var.project_id
  region          = var.region
  slack_channel   = var.slack_channel
  filter_file     = var.filter_file
  routing_file    = var.routing_file
  deploy_function = var.deploy_function
}
