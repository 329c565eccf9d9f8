# Shared alert state (ALERT_STATE=firestore): the dedup ledger, repeat counts, burst-summary membership and open
# incidents live in Firestore (Native mode), so any number of instances, and the two revisions Cloud Run runs during a
# deploy, behave as one. Records and rules: docs/alert-state.md.

locals {
  # The collections the function writes; each gets a TTL policy on expireAt.
  alert_state_collections = toset(["ledger", "similar", "incidents"])

  # FIRESTORE_DATABASE only when it is not the function's default, "(default)". Pacing stays per instance, so each of
  # max_instance_count instances takes its share of Slack's one message a second per channel.
  alert_state_environment = merge(
    {
      ALERT_STATE               = "firestore"
      FIRESTORE_PROJECT         = var.project_id
      SLACK_MESSAGE_INTERVAL_MS = tostring(1000 * var.max_instance_count)
    },
    var.firestore_database == "(default)" ? {} : { FIRESTORE_DATABASE = var.firestore_database },
  )
}

resource "google_project_service" "firestore" {
  count = var.enable_apis ? 1 : 0

  project            = var.project_id
  service            = "firestore.googleapis.com"
  disable_on_destroy = false
}

# Created here unless create_firestore_database = false (a database that already exists: its name goes in
# firestore_database). Abandoned, not deleted, on destroy: it may hold other data.
resource "google_firestore_database" "alert_state" {
  count = var.create_firestore_database ? 1 : 0

  project                 = var.project_id
  name                    = var.firestore_database
  location_id             = coalesce(var.firestore_location, var.region)
  type                    = "FIRESTORE_NATIVE"
  deletion_policy         = "ABANDON"
  delete_protection_state = "DELETE_PROTECTION_DISABLED"

  depends_on = [google_project_service.firestore]
}

# Firestore deletes a record once its expireAt has passed (within about a day; the function already reads an expired
# record as absent). No index on expireAt: the function reads documents by id, and its one query (open incidents) is an
# equality on `state`, which Firestore's automatic single-field index answers.
resource "google_firestore_field" "expire_at" {
  for_each = local.alert_state_collections

  project    = var.project_id
  database   = var.firestore_database
  collection = each.value
  field      = "expireAt"

  ttl_config {}
  index_config {}

  depends_on = [google_firestore_database.alert_state]
}

# Exactly what the code calls: documents.get (datastore.entities.get), documents.createDocument
# (datastore.entities.create), documents.commit with an update under a precondition (datastore.entities.update) and
# documents.runQuery for the open incidents a recovery sweep re-checks (datastore.entities.list).
# The narrowest predefined role, roles/datastore.user, would also allow delete.
resource "google_project_iam_custom_role" "alert_state" {
  project     = var.project_id
  role_id     = "${local.role_id_prefix}_alert_state"
  title       = "GKE event notifier alert state"
  description = "Read, list, create and conditionally update the GKE event notifier's alert-state documents in Firestore."
  permissions = [
    "datastore.entities.get",
    "datastore.entities.create",
    "datastore.entities.update",
    "datastore.entities.list",
  ]
}

resource "google_project_iam_member" "alert_state" {
  project = var.project_id
  role    = google_project_iam_custom_role.alert_state.id
  member  = google_service_account.function.member
}
