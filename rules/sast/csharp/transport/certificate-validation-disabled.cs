using System.Net;
using System.Net.Http;

class Clients
{
    HttpClient Make()
    {
        // ruleid: picket.csharp.transport.certificate-validation-disabled
        ServicePointManager.ServerCertificateValidationCallback = (sender, cert, chain, errors) => true;
        var handler = new HttpClientHandler();
        // ruleid: picket.csharp.transport.certificate-validation-disabled
        handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
        var strict = new HttpClientHandler();
        // ok: picket.csharp.transport.certificate-validation-disabled
        strict.ServerCertificateCustomValidationCallback = (msg, cert, chain, errors) => errors == System.Net.Security.SslPolicyErrors.None;
        // ok: picket.csharp.transport.certificate-validation-disabled
        var plain = new HttpClientHandler { AllowAutoRedirect = false };
        return new HttpClient(handler);
    }
}
