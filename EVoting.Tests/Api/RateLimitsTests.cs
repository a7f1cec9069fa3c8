using System.Net;
using EVoting.Api.Extensions;

namespace EVoting.Tests.Api;

/// <summary>How the rate limiter names a client and reads the trusted proxies (docs/api.md "Abuse limits").</summary>
public sealed class RateLimitsTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void A_client_is_its_IPv4_address_or_its_IPv6_64(string address, string key) =>
        Assert.Equal(key, RateLimits.ClientKey(IPAddress.Parse(address)));

    [Fact]
    public void Trusted_proxies_are_addresses_or_networks()
    {
        var networks = new RateLimitOptions { TrustedProxies = " 10.1.2.3 , 172.16.0.0/12,::1" }.TrustedNetworks();

        Assert.Equal(["10.1.2.3/32", "172.16.0.0/12", "::1/128"], networks.Select(n => n.ToString()));
        Assert.Throws<FormatException>(() => new RateLimitOptions { TrustedProxies = "frontend" }.TrustedNetworks());
    }
}
