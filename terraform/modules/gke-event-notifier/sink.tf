# Logs Router sink: only the entries the filter keeps ever reach Pub/Sub (and cost anything downstream).
# Its writer identity is the Cloud Logging service agent of the sink's parent (project, folder or organization), shared
# by every sink under that parent (https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.sinks/create,
# uniqueWriterIdentity). It may publish on this one topic only; any other sink under the same parent could therefore be
# pointed at this topic too, by someone allowed to create sinks there.

locals {
  sink_destination = "pubsub.googleapis.com/${google_pubsub_topic.events.id}"
  sink_description = "GKE events for the GKE event notifier (filter from the repository's filter file)."

  sink_writer_identity = one(concat(
    google_logging_project_sink.events[*].writer_identity,
    google_logging_folder_sink.events[*].writer_identity,
    google_logging_organization_sink.events[*].writer_identity,
  ))
}

resource "google_logging_project_sink" "events" {
  count = var.sink_scope == "project" ? 1 : 0

  project                = var.project_id
  name                   = var.name_prefix
  description            = local.sink_description
  destination            = local.sink_destination
  filter                 = module.repository.sink_filter
  unique_writer_identity = true
}

# Aggregated sinks: one sink for every project below a folder or the organization; their writer identity is the
# folder's or organization's Logging service agent.
resource "google_logging_folder_sink" "events" {
  count = var.sink_scope == "folder" ? 1 : 0

  folder           = var.sink_parent_id
  name             = var.name_prefix
  description      = local.sink_description
  destination      = local.sink_destination
  filter           = module.repository.sink_filter
  include_children = true
}

resource "google_logging_organization_sink" "events" {
  count = var.sink_scope == "organization" ? 1 : 0

  org_id           = var.sink_parent_id
  name             = var.name_prefix
  description      = local.sink_description
  destination      = local.sink_destination
  filter           = module.repository.sink_filter
  include_children = true
}

resource "google_pubsub_topic_iam_member" "sink_publisher" {
  project = var.project_id
  topic   = google_pubsub_topic.events.name
  role    = "roles/pubsub.publisher"
  member  = local.sink_writer_identity
}
