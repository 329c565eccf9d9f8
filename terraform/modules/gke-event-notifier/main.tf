# The pipeline: GKE events in Cloud Logging → Logs Router sink → Pub/Sub topic → (Eventarc) → the function.
# Names and shared values live here; each concern has its own file (sink.tf, iam.tf, secret.tf, function.tf,
# scheduler.tf).

locals {
  repository_root = coalesce(var.source_dir, abspath("${path.module}/../../.."))

  # Project and custom role IDs allow no hyphens.
  role_id_prefix = replace(var.name_prefix, "-", "_")

  cluster_project_ids = length(var.cluster_project_ids) > 0 ? toset(var.cluster_project_ids) : toset([var.project_id])

  pubsub_service_agent = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"

  # Where the function finds the filter and the routing file: each secret is a volume of its own (a mount path shadows
  # its whole directory), and the file name inside it is the secret version's path.
  filter_mount  = { directory = "/etc/gke-events/filter", file = "event.filter" }
  filter_path   = "${local.filter_mount.directory}/${local.filter_mount.file}"
  routing_mount = { directory = "/etc/gke-events/routing", file = "notifier-config.yaml" }
  routing_path  = "${local.routing_mount.directory}/${local.routing_mount.file}"

  apis = toset([
    "cloudresourcemanager.googleapis.com", # data "google_project" (the project number for the Pub/Sub service agent)
    "logging.googleapis.com",
    "pubsub.googleapis.com",
    "secretmanager.googleapis.com",
    "iam.googleapis.com",
    "container.googleapis.com",
    "cloudfunctions.googleapis.com",
    "run.googleapis.com",
    "eventarc.googleapis.com",
    "cloudbuild.googleapis.com",
    "artifactregistry.googleapis.com",
    "cloudscheduler.googleapis.com", # the recovery sweep (scheduler.tf)
    "storage.googleapis.com",
  ])
}

data "google_project" "this" {
  project_id = var.project_id
}

module "repository" {
  source          = "../repository-files"
  repository_root = local.repository_root
  filter_file     = var.filter_file
}

resource "google_project_service" "enabled" {
  for_each = var.enable_apis ? local.apis : toset([])

  project            = var.project_id
  service            = each.value
  disable_on_destroy = false
}

resource "google_pubsub_topic" "events" {
  project                    = var.project_id
  name                       = var.name_prefix
  message_retention_duration = var.message_retention_duration
  labels                     = var.labels

  depends_on = [google_project_service.enabled]
}

# Messages the function failed on until Pub/Sub gave up. Terraform cannot attach it to the subscription Eventarc
# creates for the function (the API exposes that subscription as output only); the README's gcloud step does.
resource "google_pubsub_topic" "dead_letter" {
  project = var.project_id
  name    = "${var.name_prefix}-dead-letter"
  labels  = var.labels

  depends_on = [google_project_service.enabled]
}

# A topic without a subscription drops what is published to it: keep dead letters where someone can read them.
resource "google_pubsub_subscription" "dead_letter" {
  project                    = var.project_id
  name                       = "${var.name_prefix}-dead-letter"
  topic                      = google_pubsub_topic.dead_letter.id
  message_retention_duration = var.dead_letter_retention_duration
  ack_deadline_seconds       = 60
  labels                     = var.labels

  expiration_policy {
    ttl = ""
  }
}

# Pub/Sub forwards a dead letter as its own service agent, so the agent must be allowed to publish here.
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  project = var.project_id
  topic   = google_pubsub_topic.dead_letter.name
  role    = "roles/pubsub.publisher"
  member  = local.pubsub_service_agent
}
