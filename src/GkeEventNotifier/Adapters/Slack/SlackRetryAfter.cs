namespace GkeEventNotifier.Adapters.Slack;

/// <summary>Slack's <c>Retry-After</c> header, in whole seconds as Slack sends it; absent or another form reads as null.</summary>
internal static class SlackRetryAfter
{
    public static TimeSpan? Read(HttpResponseMessage response) => response.Headers.RetryAfter?.Delta;
}
