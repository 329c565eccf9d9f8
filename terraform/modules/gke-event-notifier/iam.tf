# Three identities, each with only what it does:
# - the function's runtime account reads its three secrets and looks pods up in GKE (custom role below);
# - the trigger's account is what Eventarc pushes events as: it may invoke the function's own Cloud Run service and
#   nothing else (granted in function.tf when terraform deploys the function, else by the README's gcloud step);
# - the build account is what Cloud Build runs the function's build as (unless build_service_account names another).

resource "google_service_account" "function" {
  project      = var.project_id
  account_id   = "${var.name_prefix}-fn"
  display_name = "GKE event notifier function"
  description  = "Runtime identity of the GKE event notifier: reads its secrets, looks pods up in GKE."

  depends_on = [google_project_service.enabled]
}

resource "google_service_account" "trigger" {
  project      = var.project_id
  account_id   = "${var.name_prefix}-trigger"
  display_name = "GKE event notifier trigger"
  description  = "Eventarc identity that delivers Pub/Sub events to the GKE event notifier."

  depends_on = [google_project_service.enabled]
}

# Since 2024 a new project's default Cloud Build account may lack what a function build needs
# (https://cloud.google.com/build/docs/cloud-build-service-account-updates), so the build gets its own account with
# the role made for it: Cloud Run Builder, "can build Cloud Run functions and source deployed services"
# (https://cloud.google.com/run/docs/configuring/services/build-service-account).
resource "google_service_account" "build" {
  count = var.build_service_account == null ? 1 : 0

  project      = var.project_id
  account_id   = "${var.name_prefix}-build"
  display_name = "GKE event notifier build"
  description  = "Cloud Build identity that builds the GKE event notifier function."

  depends_on = [google_project_service.enabled]
}

resource "google_project_iam_member" "build_builds_functions" {
  count = var.build_service_account == null ? 1 : 0

  project = var.project_id
  role    = "roles/run.builder"
  member  = google_service_account.build[0].member
}

locals {
  build_service_account_email = coalesce(var.build_service_account, one(google_service_account.build[*].email))
  # The form build_config.service_account and gcloud's --build-service-account take.
  build_service_account_name = "projects/${var.project_id}/serviceAccounts/${local.build_service_account_email}"
}

# Exactly the requests the pod look-up makes (README, "Permissions for pod look-ups"): the cluster (endpoint and CA),
# the pods of one node (a list; no single pod is ever read), the owners it follows (ReplicaSet → Deployment,
# Job → CronJob), a CronJob's runs, and one node's metadata (a node problem's re-check: is the node still there, or
# re-created since the problem opened); and container.clusters.connect, which a cluster's DNS-based control-plane
# endpoint checks before any Kubernetes request. GKE maps these IAM permissions onto Kubernetes authorization, so no
# RBAC binding is needed.
resource "google_project_iam_custom_role" "pod_lookup" {
  for_each = local.cluster_project_ids

  project     = each.value
  role_id     = "${local.role_id_prefix}_pod_lookup"
  title       = "GKE event notifier pod look-up"
  description = "Read a GKE cluster and the pods, ReplicaSets, Jobs and nodes the GKE event notifier looks up."
  permissions = [
    "container.clusters.get",
    "container.clusters.connect",
    "container.pods.list",
    "container.replicaSets.get",
    "container.jobs.get",
    "container.jobs.list",
    "container.nodes.get",
  ]
}

resource "google_project_iam_member" "pod_lookup" {
  for_each = local.cluster_project_ids

  project = each.value
  role    = google_project_iam_custom_role.pod_lookup[each.value].id
  member  = google_service_account.function.member
}

resource "google_secret_manager_secret_iam_member" "function_reads_slack_secret" {
  project   = var.project_id
  secret_id = google_secret_manager_secret.slack.secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.function.member
}

resource "google_secret_manager_secret_iam_member" "function_reads_filter_secret" {
  project   = var.project_id
  secret_id = google_secret_manager_secret.filter.secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.function.member
}

resource "google_secret_manager_secret_iam_member" "function_reads_routing_secret" {
  count = var.routing_file == null ? 0 : 1

  project   = var.project_id
  secret_id = google_secret_manager_secret.routing[0].secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.function.member
}

# Authenticated push: Pub/Sub's service agent mints the trigger account's OIDC token. Projects whose Pub/Sub service
# agent was created on or before 2021-04-08 lack that permission by default
# (https://cloud.google.com/eventarc/docs/roles-permissions, "Grant permissions to Google service agents"); granting it on this one account is harmless
# where it is already implied, and keeps push from failing where it is not.
resource "google_service_account_iam_member" "pubsub_mints_trigger_tokens" {
  service_account_id = google_service_account.trigger.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_service_agent
}
