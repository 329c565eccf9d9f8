using System.Net.Sockets;
using System.Text;
using GkeEventNotifier.Tests.EndToEnd;

namespace GkeEventNotifier.Tests.Security;

/// <summary>
/// A client that stops sending its body is not the function's failure: through the real host (its own process,
/// Kestrel), it is one WARNING with the reason, never an ERROR "unhandled exception" that log-based alerting would page on.
/// </summary>
public sealed class SlowClientTests
{
    [Fact]
    public async Task ClientThatStopsSendingItsBody_IsAWarningWithTheReason_NotAnError()
    {
        using var trap = new OutsideTrap();
        await using var function = await FunctionProcess.StartAsync(new Dictionary<string, string?>(), trap);

        for (var i = 0; i < 3; i++)
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", function.Port);
            var head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"message\":{\"data\":\"";
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
            await client.GetStream().FlushAsync();
            await Task.Delay(200);
        }

        await Eventually.TrueAsync(() => function.Lines.Count(IsBodyWarning) >= 3, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));

        Assert.Equal(3, function.Lines.Count(IsBodyWarning));
        Assert.DoesNotContain(function.Lines, l => l.Severity is "ERROR" or "CRITICAL");
    }

    private static bool IsBodyWarning(FunctionLogLine line) =>
        line.Severity == "WARNING" && line.Message.StartsWith("Request body not received: the client stopped sending", StringComparison.Ordinal);
}
