# The recovery sweep (README, "Incidents"): an incident without a recovery event of its own (a crash loop) resolves
# when a re-check finds its workload healthy. The function has no timer: every recovery_check_minutes this job
# publishes one message with the attribute gke-events-sweep=1 and no data to the alert topic, the same entry point,
# trigger and permissions as every event. Cloud Scheduler publishes as its service agent, which may publish to
# topics of its own project.
resource "google_cloud_scheduler_job" "recovery_sweep" {
  count = var.recovery_check_minutes > 0 ? 1 : 0

  project     = var.project_id
  region      = var.region
  name        = "${var.name_prefix}-recovery-sweep"
  description = "Asks the GKE event notifier to re-check its open incidents (gke-events-sweep=1)."
  schedule    = var.recovery_check_minutes == 60 ? "0 * * * *" : "*/${var.recovery_check_minutes} * * * *"
  time_zone   = "Etc/UTC"

  pubsub_target {
    topic_name = google_pubsub_topic.events.id
    attributes = { "gke-events-sweep" = "1" }
  }

  depends_on = [google_project_service.enabled]
}
