namespace GkeEventNotifier.Adapters.Slack;

/// <summary>
/// Slack's error codes sorted by what to do about them (Web API <c>ok:false</c> codes and webhook body strings).
/// Rate limits wait for <c>Retry-After</c>; transient errors retry with backoff; configuration errors never retry and
/// name the setting to fix; payload errors (blocks, length, metadata) fall back to plain text. Unknown codes are treated as configuration errors:
/// retrying an unknown refusal forever would only hide it.
/// </summary>
internal static class SlackErrorClassifier
{
    private static readonly HashSet<string> Transient = new(StringComparer.Ordinal)
    {
        "internal_error", "fatal_error", "service_unavailable", "request_timeout", "rollup_error",
    };

    private static readonly HashSet<string> RateLimited = new(StringComparer.Ordinal) { "ratelimited", "rate_limited", "message_limit_exceeded" };

    private static readonly HashSet<string> Payload = new(StringComparer.Ordinal)
    {
        "invalid_blocks", "invalid_blocks_format", "msg_too_long", "msg_blocks_too_long", "no_text", "too_many_attachments",
        "invalid_attachments", "attachment_payload_limit_exceeded", "invalid_arguments", "invalid_json", "json_not_object",
        "invalid_payload", "markdown_text_conflict",
        "invalid_metadata_format", "invalid_metadata_schema", "metadata_too_large", "metadata_must_be_sent_from_app",
        // chat.update of a thread's first message that can no longer be edited: the thread starts afresh instead.
        "message_not_found", "cant_update_message", "edit_window_closed", "thread_not_found",
    };

    private static readonly HashSet<string> Channel = new(StringComparer.Ordinal)
    {
        "channel_not_found", "not_in_channel", "is_archived", "channel_is_archived", "posting_to_general_channel_denied",
        "restricted_action", "restricted_action_read_only_channel", "restricted_action_thread_only_channel",
        "restricted_action_non_threadable_channel", "cannot_reply_to_message",
    };

    public static SlackAttemptKind Classify(string error) =>
        RateLimited.Contains(error) ? SlackAttemptKind.RateLimited
        : Transient.Contains(error) ? SlackAttemptKind.Transient
        : Payload.Contains(error) ? SlackAttemptKind.Payload
        : SlackAttemptKind.Configuration;

    /// <summary>Which setting an operator must change for a configuration error, and how.</summary>
    public static (string Setting, string Advice) Remedy(string error, bool webhook)
    {
        if (webhook)
        {
            return Channel.Contains(error)
                ? ("SLACK_WEBHOOK_URL", "the webhook's channel is gone or archived; create a new incoming webhook")
                : ("SLACK_WEBHOOK_URL", "the webhook was disabled, removed or is invalid; create a new incoming webhook");
        }

        return Channel.Contains(error)
            ? ("SLACK_CHANNEL", error == "not_in_channel" || error == "channel_not_found"
                ? "invite the app to the channel (/invite @app) or use the channel ID"
                : "the channel does not accept posts from the app; choose another channel")
            : error is "missing_scope" or "no_permission" or "not_allowed_token_type"
                ? ("SLACK_BOT_TOKEN", "the token lacks a scope or is not a bot token: chat:write to post, channels:history (groups:history for private channels) to read threads back")
                : ("SLACK_BOT_TOKEN", "the token is invalid, revoked or expired; reinstall the app and update the secret");
    }
}
