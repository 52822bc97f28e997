import Foundation
import PicketCore
import PicketGitLab
import PicketTestSupport
import Testing

/// TLS failures as users meet them: a self-signed certificate, a certificate for another name, and HTTPS spoken
/// to a plain-HTTP port. The server is `openssl s_server` on 127.0.0.1 with a certificate made for the test.
@Suite struct TLSServerTests {
    struct Server {
        var process: BackgroundProcess
        var port: Int
        var certPath: String
        var dir: String

        func stop() {
            process.stop()
            TestEnvironment.remove(dir)
        }
    }

    static func startServer(commonName: String, san: String) async throws -> Server {
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-tls")
        let gen = try await ProcessRunner("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "/key.pem",
                                                      "-out", dir + "/cert.pem", "-days", "2", "-subj", "/CN=\(commonName)",
                                                      "-addext", "subjectAltName=\(san)"], timeout: .seconds(60)).run()
        #expect(gen.succeeded, "\(gen.stderrText)")
        let port = BackgroundProcess.freePort()
        let p = try BackgroundProcess("openssl", ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", dir + "/cert.pem",
                                                  "-key", dir + "/key.pem", "-www", "-quiet"])
        try await p.waitForPort(port)
        return Server(process: p, port: port, certPath: dir + "/cert.pem", dir: dir)
    }

    func check(url: String, ca: String? = nil) async throws -> CheckReport {
        let config = try GitLabClientConfiguration.make(url: url, caBundlePath: ca, environment: [:])
        let token = try #require(GitLabToken("glpat-tls-test-token-000000"))
        return await ConnectionChecker(configuration: config, token: token, groupPath: "acme").run()
    }

    @Test func selfSignedCertificateIsExplainedAndCAFileFixesIt() async throws {
        let server = try await Self.startServer(commonName: "127.0.0.1", san: "IP:127.0.0.1,DNS:localhost")
        defer { server.stop() }
        let report = try await check(url: "https://127.0.0.1:\(server.port)")
        let step = try #require(report.result(.url))
        #expect(step.status == .fail)
        #expect(step.message == "TLS: the certificate of 127.0.0.1 is not trusted (CERTIFICATE_VERIFY_FAILED); if it is signed by your own CA, pass its PEM bundle with --ca-file")
        #expect(step.fix == "If GitLab's certificate comes from your own certificate authority, pass that CA's PEM bundle with --ca-file FILE.")
        #expect(report.result(.token)?.status == .skip)
        #expect(!report.passed)

        // Trusting the certificate gets past TLS; openssl's status page is then recognised as not GitLab.
        let trusted = try await check(url: "https://127.0.0.1:\(server.port)", ca: server.certPath)
        let step2 = try #require(trusted.result(.url))
        #expect(step2.status == .fail)
        #expect(step2.message == "https://127.0.0.1:\(server.port) answers, but not as GitLab's API (GET /api/v4/version returned 200, not JSON)")
    }

    @Test func certificateForAnotherNameIsAHostnameMismatch() async throws {
        let server = try await Self.startServer(commonName: "gitlab.other.example", san: "DNS:gitlab.other.example")
        defer { server.stop() }
        let report = try await check(url: "https://127.0.0.1:\(server.port)", ca: server.certPath)
        let step = try #require(report.result(.url))
        #expect(step.status == .fail)
        #expect(step.message.hasPrefix("TLS: the certificate of 127.0.0.1 is not valid for that name"), "\(step.message)")
        #expect(step.fix == "Use the host name GitLab's certificate is issued for (the one in GitLab's external_url).")
    }

    @Test func httpsToAPlainHTTPPortSaysSo() async throws {
        // A plain HTTP listener: python's http.server, answering HTTP on a port the client will speak TLS to.
        let port = BackgroundProcess.freePort()
        let http = try BackgroundProcess("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1"],
                                         workingDirectory: NSTemporaryDirectory())
        defer { http.stop() }
        try await http.waitForPort(port)
        let report = try await check(url: "https://127.0.0.1:\(port)")
        let step = try #require(report.result(.url))
        #expect(step.status == .fail)
        #expect(step.message.hasPrefix("TLS: 127.0.0.1 does not speak TLS on this port"), "\(step.message)")
        #expect(step.fix == "This port does not speak HTTPS: use the HTTPS port, or http:// only for a local test instance.")
    }

    @Test func unreadableCABundleIsAConfigurationError() async throws {
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-ca")
        defer { TestEnvironment.remove(dir) }
        try TestEnvironment.write(["bad.pem": "not a certificate\n"], under: dir)
        let config = try GitLabClientConfiguration.make(url: "https://127.0.0.1:9", caBundlePath: dir + "/bad.pem", environment: [:])
        await #expect(throws: GitLabError.self) {
            _ = try await GitLabClient(configuration: config, token: nil)
        }
        do { _ = try await GitLabClient(configuration: config, token: nil) } catch {
            #expect("\(error)".hasPrefix("cannot read CA bundle \(dir)/bad.pem"))
        }
    }
}
