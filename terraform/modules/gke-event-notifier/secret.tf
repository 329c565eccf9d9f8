# Three secrets, each read by the function's account only:
# - the Slack credential (bot token, or webhook URL with slack_secret_variable = "SLACK_WEBHOOK_URL"), created empty on
#   purpose: its value is added with `gcloud secrets versions add` (README), so it never appears in terraform state;
# - the filter: the very text the sink uses (module.repository.sink_filter), mounted as a file that
#   EVENT_FILTER_FILE names, so the function applies the query the sink applies;
# - the routing file (routing_file), mounted as a file that NOTIFIER_CONFIG_FILE names.
# Filter and routing are configuration, not credentials (the routing file names the variables that hold webhook URLs,
# never the URLs), so their text may live in state. A change is a new secret version; the function mounts "latest" and
# reads the files when an instance starts, so no build is needed.
resource "google_secret_manager_secret" "slack" {
  project   = var.project_id
  secret_id = "${var.name_prefix}-slack"
  labels    = var.labels

  replication {
    auto {}
  }

  depends_on = [google_project_service.enabled]
}

resource "google_secret_manager_secret" "filter" {
  project   = var.project_id
  secret_id = "${var.name_prefix}-filter"
  labels    = var.labels

  replication {
    auto {}
  }

  depends_on = [google_project_service.enabled]
}

resource "google_secret_manager_secret_version" "filter" {
  secret      = google_secret_manager_secret.filter.id
  secret_data = module.repository.sink_filter

  # The old version is disabled, not deleted, so `gcloud secrets versions enable` rolls a change back; the new one
  # exists before the old one goes, so an instance starting in between still finds an enabled version.
  deletion_policy = "DISABLE"

  lifecycle {
    create_before_destroy = true
  }
}

resource "google_secret_manager_secret" "routing" {
  count = var.routing_file == null ? 0 : 1

  project   = var.project_id
  secret_id = "${var.name_prefix}-routing"
  labels    = var.labels

  replication {
    auto {}
  }

  depends_on = [google_project_service.enabled]
}

resource "google_secret_manager_secret_version" "routing" {
  count = var.routing_file == null ? 0 : 1

  secret          = google_secret_manager_secret.routing[0].id
  secret_data     = file(var.routing_file)
  deletion_policy = "DISABLE"

  lifecycle {
    create_before_destroy = true
  }
}
