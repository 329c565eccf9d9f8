using System.Net;
using System.Net.Sockets;

namespace GkeEventNotifier.Tests.EndToEnd;

internal static class FreePort
{
    /// <summary>A loopback port nobody listens on right now (the OS picks it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on <paramref name="port"/>, or <paramref name="gaveUp"/> (the process exited).</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<bool>? gaveUp = null)
    {
        var listening = false;
        await Eventually.TrueAsync(async () => gaveUp?.Invoke() == true || (listening = await AcceptsAsync(port)), timeout, TimeSpan.FromMilliseconds(100));
        if (!listening)
        {
            throw new TimeoutException($"nothing listened on 127.0.0.1:{port} within {timeout.TotalSeconds:0} s");
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
