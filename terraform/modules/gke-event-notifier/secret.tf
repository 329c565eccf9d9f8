# The Slack credential (bot token, or webhook URL with slack_secret_variable = "SLACK_WEBHOOK_URL").
# Created empty on purpose: its value is added with `gcloud secrets versions add` (README), so it never appears in
# terraform state or plan output.
resource "google_secret_manager_secret" "slack" {
  project   = var.project_id
  secret_id = "${var.name_prefix}-slack"
  labels    = var.labels

  replication {
    auto {}
  }

  depends_on = [google_project_service.enabled]
}
