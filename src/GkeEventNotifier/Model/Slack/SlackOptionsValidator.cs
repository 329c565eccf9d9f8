using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Model.Slack;

/// <summary>
/// Fails the start on a malformed Slack setting, naming the variable. Never echoes a token or a webhook URL:
/// both are secrets, so messages describe what is wrong with them instead.
/// </summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var failures = new List<string>();
        if (options.WebhookUrl is not null && options.BotToken is not null)
        {
            failures.Add($"Set either {SlackOptions.WebhookUrlVariable} or {SlackOptions.BotTokenVariable} + {SlackOptions.ChannelVariable}, not both.");
        }

        if (options.WebhookUrl is { } webhook && !IsSecureUrl(webhook))
        {
            failures.Add($"{SlackOptions.WebhookUrlVariable} must be an absolute https:// URL (such as https://hooks.slack.com/services/…); the value set is not.");
        }

        if (options.BotToken is { } token && (token.Any(char.IsWhiteSpace) || !token.StartsWith("xox", StringComparison.Ordinal)))
        {
            failures.Add($"{SlackOptions.BotTokenVariable} must be a Slack bot token starting with 'xoxb-'; the value set is not.");
        }

        if (options.BotToken is not null && options.Channel is null)
        {
            failures.Add($"{SlackOptions.ChannelVariable} is required with {SlackOptions.BotTokenVariable}: the channel ID (C…) or name to post to.");
        }

        if (options.ApiUrl is { } api && !IsSecureUrl(api))
        {
            failures.Add($"{SlackOptions.ApiUrlVariable} must be an absolute https:// URL (http:// only on loopback, for tests): '{api}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>https anywhere; http only on loopback, where tests run their fake Slack.</summary>
    internal static bool IsSecureUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && string.IsNullOrEmpty(uri.UserInfo);
}
