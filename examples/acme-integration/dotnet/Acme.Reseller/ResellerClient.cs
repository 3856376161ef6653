// Reseller API client (JWT bearer).
// Deliberately broken example for authaudit (see ../../EXPECTED).
using System;
using System.Net;
using System.Net.Http;

namespace Acme.Reseller;

public static class ResellerClient
{
    public static HttpClient Create()
    {
        ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback =
                HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
        var baseUrl = Environment.GetEnvironmentVariable("RESELLER_BASE_URL");
        return new HttpClient(handler) { BaseAddress = new Uri(baseUrl!) };
    }

    // Clean: validation left to the platform, TLS version to the OS.
    public static HttpClient CreateStrict() => new HttpClient(new HttpClientHandler
    {
        SslProtocols = System.Security.Authentication.SslProtocols.None,
    });
}
