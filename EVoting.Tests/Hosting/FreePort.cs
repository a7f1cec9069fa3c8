using System.Net;
using System.Net.Sockets;

namespace EVoting.Tests.Hosting;

/// <summary>Loopback ports nobody listens on right now, never the same one twice in this test run (for what Aspire does not randomize).</summary>
internal static class FreePort
{
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Given)
            {
                if (Given.Add(port))
                    return port;
            }
        }
    }
}
