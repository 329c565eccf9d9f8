# Two identities, each with only what it does:
# - the function's runtime account reads the Slack secret and looks pods up in GKE (custom role below);
# - the trigger's account lets Eventarc push events to the function, and can do nothing else.

resource "google_service_account" "function" {
  project      = var.project_id
  account_id   = "${var.name_prefix}-fn"
  display_name = "GKE event notifier function"
  description  = "Runtime identity of the GKE event notifier: reads its Slack secret, looks pods up in GKE."

  depends_on = [google_project_service.enabled]
}

resource "google_service_account" "trigger" {
  project      = var.project_id
  account_id   = "${var.name_prefix}-trigger"
  display_name = "GKE event notifier trigger"
  description  = "Eventarc identity that delivers Pub/Sub events to the GKE event notifier."

  depends_on = [google_project_service.enabled]
}

# Exactly the requests the pod look-up makes (README, "Permissions for pod look-ups"): the cluster (endpoint and CA),
# the pods of one node (a list; no single pod is ever read), and the owners it follows (ReplicaSet → Deployment,
# Job → CronJob). GKE maps these IAM permissions onto Kubernetes authorization, so no RBAC binding is needed.
resource "google_project_iam_custom_role" "pod_lookup" {
  for_each = local.cluster_project_ids

  project     = each.value
  role_id     = "${local.role_id_prefix}_pod_lookup"
  title       = "GKE event notifier pod look-up"
  description = "Read a GKE cluster and the pods, ReplicaSets and Jobs the GKE event notifier looks up."
  permissions = [
    "container.clusters.get",
    "container.pods.list",
    "container.replicaSets.get",
    "container.jobs.get",
    "container.jobs.list",
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

# As the provider's Eventarc examples do: the trigger's identity receives events and invokes the function's
# Cloud Run service.
resource "google_project_iam_member" "trigger_invokes" {
  project = var.project_id
  role    = "roles/run.invoker"
  member  = google_service_account.trigger.member
}

resource "google_project_iam_member" "trigger_receives_events" {
  project = var.project_id
  role    = "roles/eventarc.eventReceiver"
  member  = google_service_account.trigger.member
}
