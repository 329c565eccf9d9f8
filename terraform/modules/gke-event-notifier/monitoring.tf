# Undeliverable alerts must not be silent either: when the function gives up on a message (Pub/Sub forwards it to the
# dead-letter topic after the delivery attempts the README's step 6 sets), this policy tells the notification channel
# the user names. Optional: without dead_letter_alert_channel nothing here is created.

resource "google_project_service" "monitoring" {
  count = var.enable_apis && var.dead_letter_alert_channel != null ? 1 : 0

  project            = var.project_id
  service            = "monitoring.googleapis.com"
  disable_on_destroy = false
}

resource "google_monitoring_alert_policy" "dead_letters" {
  count = var.dead_letter_alert_channel == null ? 0 : 1

  project               = var.project_id
  display_name          = "${var.name_prefix}: GKE event alerts that could not be delivered"
  combiner              = "OR"
  notification_channels = [var.dead_letter_alert_channel]
  user_labels           = var.labels

  conditions {
    display_name = "Messages waiting in ${google_pubsub_subscription.dead_letter.name}"

    condition_threshold {
      filter          = "resource.type = \"pubsub_subscription\" AND resource.labels.subscription_id = \"${google_pubsub_subscription.dead_letter.name}\" AND metric.type = \"pubsub.googleapis.com/subscription/num_undelivered_messages\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"

      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_MAX"
      }

      trigger {
        count = 1
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "The GKE event notifier gave up on at least one message: it is in the dead-letter subscription `${google_pubsub_subscription.dead_letter.name}`. Read it with `gcloud pubsub subscriptions pull ${google_pubsub_subscription.dead_letter.name} --project=${var.project_id} --limit=10` (add `--auto-ack` once handled) and check the function's ERROR logs for the message id."
  }

  alert_strategy {
    auto_close = "86400s"
  }

  depends_on = [google_project_service.monitoring]
}
