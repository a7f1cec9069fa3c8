using System.Net;
using System.Net.Sockets;

namespace EVoting.AppHost.Hosting;

/// <summary>Free TCP ports on 127.0.0.1, never the same one twice within one application.</summary>
public sealed class PortAllocator
{
    private readonly HashSet<int> _given = [];

    public int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (_given.Add(port))
                return port;
        }
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Reserve(int port) => _given.Add(port);
}
