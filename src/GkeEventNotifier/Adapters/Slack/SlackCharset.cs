using System.Text;

namespace GkeEventNotifier.Adapters.Slack;

/// <summary>
/// Whether an answer's body can be read at all. A charset .NET does not know (a proxy's typo, an odd gateway) makes the
/// body unreadable, which says nothing about the message: the call is retried like any other garbled answer.
/// </summary>
internal static class SlackCharset
{
    public static bool IsReadable(HttpContent content)
    {
        var charset = content.Headers.ContentType?.CharSet?.Trim('"', ' ');
        if (string.IsNullOrEmpty(charset))
        {
            return true;
        }

        try
        {
            _ = Encoding.GetEncoding(charset);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static SlackAttempt Unreadable(HttpResponseMessage response) =>
        new(SlackAttemptKind.Transient, $"HTTP {(int)response.StatusCode} in an unknown charset '{response.Content.Headers.ContentType?.CharSet}'");
}
