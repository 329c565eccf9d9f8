# Optional (deploy_function = true): the function itself, built by Google's buildpacks from an allow-listed zip of
# this repository, exactly as `gcloud functions deploy` would build it. Deploy only after the secret has a
# version (README): a function whose secret has no version fails to deploy.

locals {
  function_project = "src/GkeEventNotifier.Function/GkeEventNotifier.Function.csproj"

  # The repository holds several projects; the buildpack needs to be told which one is the function.
  # ReadyToRun goes in as build environment, not GOOGLE_BUILD_ARGS: the buildpack appends those to `dotnet publish
  # --no-restore` only, and a publish for linux-x64 fails (NETSDK1047) after a restore that did not know it.
  # MSBuild reads environment variables as properties, so restore and publish both see these.
  build_environment = merge(
    { GOOGLE_BUILDABLE = local.function_project },
    var.ready_to_run ? { PublishReadyToRun = "true", RuntimeIdentifier = "linux-x64" } : {},
    var.build_args == "" ? {} : { GOOGLE_BUILD_ARGS = var.build_args },
  )

  # The filter and routing files come from the mounted secrets (secret.tf); function_environment may not replace them.
  mounted_secrets = merge(
    { filter = merge(local.filter_mount, { secret = google_secret_manager_secret.filter.secret_id }) },
    { for s in google_secret_manager_secret.routing : "routing" => merge(local.routing_mount, { secret = s.secret_id }) },
  )

  # CLUSTER_PROJECTS: the function describes clusters (with its own token) of these projects only, whatever a
  # LogEntry's labels say (SECURITY.md).
  function_environment = merge(
    local.alert_state_environment,
    var.slack_channel == "" ? {} : { SLACK_CHANNEL = var.slack_channel },
    { CLUSTER_PROJECTS = join(",", sort(tolist(local.cluster_project_ids))) },
    { EVENT_FILTER_FILE = local.filter_path },
    var.routing_file == null ? {} : { NOTIFIER_CONFIG_FILE = local.routing_path },
    var.function_environment,
  )
}

data "archive_file" "function_source" {
  count = var.deploy_function ? 1 : 0

  type        = "zip"
  output_path = "${path.root}/.terraform/${var.name_prefix}-function-source.zip"

  dynamic "source" {
    for_each = module.repository.function_source_files
    content {
      filename = source.value
      content  = file("${local.repository_root}/${source.value}")
    }
  }
}

resource "google_storage_bucket" "function_source" {
  count = var.deploy_function ? 1 : 0

  project                     = var.project_id
  name                        = coalesce(var.source_bucket, "${var.project_id}-${var.name_prefix}-source")
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = true
  labels                      = var.labels

  lifecycle_rule {
    condition {
      age = 30
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.enabled]
}

resource "google_storage_bucket_object" "function_source" {
  count = var.deploy_function ? 1 : 0

  # Named by content, so a source change is a new object and so a new build.
  name         = "function-source-${data.archive_file.function_source[0].output_md5}.zip"
  bucket       = google_storage_bucket.function_source[0].name
  source       = data.archive_file.function_source[0].output_path
  content_type = "application/zip"
}

resource "google_cloudfunctions2_function" "notifier" {
  count = var.deploy_function ? 1 : 0

  project     = var.project_id
  name        = var.function_name
  location    = var.region
  description = "Turns GKE events from the ${google_pubsub_topic.events.name} topic into Slack alerts."
  labels      = var.labels

  build_config {
    runtime = var.runtime
    # Required by the Cloud Functions API, ignored by the host (it is a plain ASP.NET Core app, not a
    # Functions Framework function): the buildpack only copies it to FUNCTION_TARGET.
    entry_point           = "GkeEventNotifier.Function"
    environment_variables = local.build_environment
    service_account       = local.build_service_account_name

    source {
      storage_source {
        bucket = google_storage_bucket_object.function_source[0].bucket
        object = google_storage_bucket_object.function_source[0].name
      }
    }
  }

  service_config {
    available_memory                 = var.available_memory
    available_cpu                    = var.available_cpu
    max_instance_request_concurrency = var.max_instance_request_concurrency
    max_instance_count               = var.max_instance_count
    min_instance_count               = var.min_instance_count
    timeout_seconds                  = var.timeout_seconds
    # Requests from this project's VPC networks (or its VPC Service Controls perimeter) and from Google services
    # such as Eventarc and Pub/Sub; none from the internet. Every request still needs roles/run.invoker.
    ingress_settings               = "ALLOW_INTERNAL_ONLY"
    all_traffic_on_latest_revision = true
    service_account_email          = google_service_account.function.email
    environment_variables          = local.function_environment

    secret_environment_variables {
      key        = var.slack_secret_variable
      project_id = var.project_id
      secret     = google_secret_manager_secret.slack.secret_id
      version    = "latest"
    }

    # The filter, and the routing file when there is one (secret.tf): one volume each.
    dynamic "secret_volumes" {
      for_each = local.mounted_secrets
      content {
        mount_path = secret_volumes.value.directory
        project_id = var.project_id
        secret     = secret_volumes.value.secret
        versions {
          path    = secret_volumes.value.file
          version = "latest"
        }
      }
    }
  }

  event_trigger {
    trigger_region        = var.region
    event_type            = "google.cloud.pubsub.topic.v1.messagePublished"
    pubsub_topic          = google_pubsub_topic.events.id
    retry_policy          = "RETRY_POLICY_RETRY"
    service_account_email = google_service_account.trigger.email
  }

  depends_on = [
    google_secret_manager_secret_iam_member.function_reads_slack_secret,
    google_secret_manager_secret_iam_member.function_reads_filter_secret,
    google_secret_manager_secret_iam_member.function_reads_routing_secret,
    google_secret_manager_secret_version.filter,
    google_secret_manager_secret_version.routing,
    google_project_iam_member.build_builds_functions,
  ]
}

# The trigger's account may invoke this function's Cloud Run service and no other (a direct Pub/Sub trigger needs no
# roles/eventarc.eventReceiver: https://cloud.google.com/eventarc/docs/roles-permissions). Eventarc retries a push
# that is refused while this binding is created.
resource "google_cloud_run_v2_service_iam_member" "trigger_invokes_function" {
  count = var.deploy_function ? 1 : 0

  project  = var.project_id
  location = var.region
  name     = google_cloudfunctions2_function.notifier[0].service_config[0].service
  role     = "roles/run.invoker"
  member   = google_service_account.trigger.member
}
