using System.Net;
using System.Net.Sockets;

namespace GkeEventNotifier.Tests.EndToEnd;

/// <summary>
/// The function's HTTP(S) proxy in tests: every connection to it is a request for something outside loopback
/// (NO_PROXY exempts 127.0.0.1), so it is counted and closed. Tests assert the count stays zero.
/// </summary>
public sealed class OutsideTrap : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private int connections;

    public OutsideTrap()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    public string ProxyUrl => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    public int Connections => Volatile.Read(ref connections);

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref connections);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped with the test.
        }
    }
}
