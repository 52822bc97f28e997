import Foundation
import PicketCore
@testable import PicketServer
@testable import PicketStore
import Testing

@Suite("HTML, forms, schedules, log redaction")
struct SupportTests {
    @Test("interpolated text is escaped; HTML values pass through")
    func htmlEscaping() {
        let hostile = "<script>alert('x')</script>&\"quote\""
        let inner: HTML = "<b>\(hostile)</b>"
        let page: HTML = "<div title=\"\(hostile)\">\(inner)</div>"
        #expect(page.rendered == "<div title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;quote&quot;\"><b>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;quote&quot;</b></div>")
        #expect(!page.rendered.contains("<script>"))
    }

    @Test("link targets: relative paths and http(s) only")
    func urls() {
        let js: HTML = "<a href=\"\(url: "javascript:alert(1)")\">x</a>"
        #expect(js.rendered == "<a href=\"#\">x</a>")
        let rel: HTML = "<a href=\"\(url: "/findings?x=1&y=2")\">x</a>"
        #expect(rel.rendered == "<a href=\"/findings?x=1&amp;y=2\">x</a>")
        let proto: HTML = "<a href=\"\(url: "//evil.example/x")\">x</a>"
        #expect(proto.rendered == "<a href=\"#\">x</a>")
        let ok: HTML = "<a href=\"\(url: "https://gitlab.example/acme/x")\">x</a>"
        #expect(ok.rendered.contains("https://gitlab.example/acme/x"))
    }

    @Test("urlencoded forms: plus, percent escapes, repeated names, broken escapes")
    func forms() {
        let f = FormData(urlEncoded: "a=1+2&b=%C3%A9t%C3%A9&id=1&id=2&bad=%zz%4&empty=&flag")
        #expect(f["a"] == "1 2")
        #expect(f["b"] == "été")
        #expect(f.all("id") == ["1", "2"])
        #expect(f["bad"] == "%zz%4")
        #expect(f["empty"] == "")
        #expect(f.text("empty") == nil)
        #expect(f["flag"] == "")
        #expect(FormData.encode("a b/é") == "a%20b%2F%C3%A9")
    }

    @Test("sync schedules parse, print, and refuse nonsense")
    func schedules() throws {
        #expect(try SyncSchedule(parsing: nil).interval == 86_400)
        #expect(try SyncSchedule(parsing: "off").interval == nil)
        #expect(try SyncSchedule(parsing: "6h").description == "6h")
        #expect(try SyncSchedule(parsing: "hourly").description == "hourly")
        #expect(try SyncSchedule(parsing: "90m").interval == 5_400)
        #expect(throws: ServerError.self) { try SyncSchedule(parsing: "1m") }
        #expect(throws: ServerError.self) { try SyncSchedule(parsing: "sometimes") }
        #expect(throws: ServerError.self) { try SyncSchedule(parsing: "-3h") }
    }

    @Test("the log redactor masks token-shaped text")
    func redaction() {
        let line = LogRedactor.redact("failed with glpat-SimPicketServiceTok01 and Bearer pkt_abcdefghijkl, PRIVATE-TOKEN: xyz")
        #expect(!line.contains("SimPicketServiceTok01"))
        #expect(!line.contains("abcdefghijkl"))
        #expect(!line.contains("xyz"))
        #expect(LogRedactor.redact("nothing here") == "nothing here")
    }

    @Test("JSON log lines are one object each, with escaped content")
    func jsonLines() throws {
        let sink = LogSink.capturing()
        let h = JSONLogHandler(label: "t", sink: sink)
        h.log(level: .info, message: "hello \"world\"\nnext", metadata: ["k": "v\tw", "token": "glpat-abcdefghijklmnop"], source: "s",
              file: #file, function: #function, line: #line)
        let lines = sink.lines
        #expect(lines.count == 1)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: String])
        #expect(obj["msg"] == "hello \"world\"\nnext")
        #expect(obj["k"] == "v\tw")
        #expect(obj["token"] == "glpat-[REDACTED]")
        #expect(obj["level"] == "info")
    }

    @Test("metrics render in the Prometheus text format")
    func metricsFormat() {
        let m = Metrics.standard()
        m.increment("picket_http_requests_total", [("method", "GET"), ("route", "/x"), ("status", "200")])
        m.increment("picket_http_requests_total", [("method", "GET"), ("route", "/x"), ("status", "200")])
        m.observe("picket_http_request_duration_seconds", [("route", "/x")], 0.003)
        let text = m.render(gauges: [Metrics.Gauge("picket_jobs", help: "Jobs.", labels: [("state", "queued")], value: 4)])
        #expect(text.contains("# TYPE picket_http_requests_total counter"))
        #expect(text.contains("picket_http_requests_total{method=\"GET\",route=\"/x\",status=\"200\"} 2"))
        #expect(text.contains("picket_http_request_duration_seconds_bucket{route=\"/x\",le=\"0.0025\"} 0"))
        #expect(text.contains("picket_http_request_duration_seconds_bucket{route=\"/x\",le=\"0.005\"} 1"))
        #expect(text.contains("picket_http_request_duration_seconds_bucket{route=\"/x\",le=\"+Inf\"} 1"))
        #expect(text.contains("picket_http_request_duration_seconds_count{route=\"/x\"} 1"))
        #expect(text.contains("# TYPE picket_jobs gauge\npicket_jobs{state=\"queued\"} 4"))
    }
}

@Suite("Merge request comparison and note")
struct MergeRequestNoteTests {
    static func finding(_ rule: String, path: String, identity: String, severity: Severity = .high, suppressed: Bool = false,
                        kind: FindingKind = .secret) -> Finding {
        Finding(kind: kind, ruleID: rule, title: "Title | of \(rule)", message: "m", severity: severity,
                location: Location(path: path, startLine: 3),
                evidence: Evidence(snippet: "KEY=AKIA****", preview: "AKIA…", sha256: String(repeating: "a", count: 64)),
                fingerprint: Fingerprint(kind: kind, rule: rule, path: path, identity: identity),
                suppression: suppressed ? Suppression(kind: .config, reason: "test") : nil)
    }

    static func stored(_ f: Finding, state: FindingState, id: Int64) -> FindingDiff.TargetFinding {
        FindingDiff.TargetFinding(StoredFinding(id: id, workspaceID: 1, repositoryID: 1, branch: "main", fingerprint: f.fingerprint.value, kind: f.kind, ruleID: f.ruleID,
                      title: f.title, message: f.message, severity: f.severity, confidence: .high, path: f.location.path, startLine: 3,
                      endLine: 3, commitSHA: nil, state: state, ignoreSource: nil, ignoreReason: nil, ignoredBy: nil, firstSeenScanID: 1,
                      firstSeenAt: Date(), lastSeenScanID: 1, lastSeenAt: Date(), fixedScanID: nil, fixedAt: nil, evidencePreview: "AKIA…",
                      evidenceSnippet: nil, secretSHA256: nil, details: FindingDetails()))
    }

    @Test("new, fixed, unchanged and ignored against the target branch")
    func diff() {
        let kept = Self.finding("aws", path: "a.py", identity: "1")
        let added = Self.finding("stripe", path: "b.py", identity: "2", severity: .critical)
        let low = Self.finding("generic", path: "c.py", identity: "3", severity: .low)
        let suppressed = Self.finding("slack", path: "d.py", identity: "4", suppressed: true)
        let ignoredOnTarget = Self.finding("gcp", path: "e.py", identity: "5")
        let refixed = Self.finding("gh", path: "f.py", identity: "6")
        let removed = Self.finding("old", path: "g.py", identity: "7")
        let removedDep = Self.finding("CVE-1", path: "req.txt", identity: "8", kind: .dependency)
        let report = ScanReport(target: TargetInfo(root: "/r", mode: .workingTree, origin: ScanOrigin()), startedAt: Date(), finishedAt: Date(),
                                scanners: [ScannerRun(id: "secrets", name: "Secrets", status: .ok, durationSeconds: 1, stats: [:])],
                                findings: [kept, added, low, suppressed, ignoredOnTarget, refixed], diagnostics: [])
        let target = [Self.stored(kept, state: .open, id: 1), Self.stored(ignoredOnTarget, state: .ignored, id: 2),
                      Self.stored(refixed, state: .fixed, id: 3), Self.stored(removed, state: .open, id: 4),
                      Self.stored(removedDep, state: .open, id: 5)]
        let d = FindingDiff.compute(report: report, target: target, fixableKinds: [.secret])
        #expect(d.new.map(\.ruleID) == ["stripe", "gh", "generic"])
        #expect(d.fixed.map(\.ruleID) == ["old"], "a dependency finding is not fixed when the dependency scanner did not run")
        #expect(d.unchanged == 1)
        #expect(d.ignored == 2)
        #expect(d.blocking(gate: .high).map(\.ruleID) == ["stripe", "gh"])
        #expect(d.blocking(gate: .critical).map(\.ruleID) == ["stripe"])
    }

    @Test("the note carries the marker, redacted evidence, escaped cells and the verdict")
    func note() {
        let added = Self.finding("stripe", path: "src/pay|ments.py", identity: "2", severity: .critical)
        let d = FindingDiff(new: [added], fixed: [], ignored: 0, unchanged: 0, total: 1)
        let n = MergeRequestNote(diff: d, gate: .high, sha: "0123456789abcdef", scanURL: "http://picket.test/scans/3", scannerFailures: [])
        let body = n.render()
        #expect(body.hasPrefix(MergeRequestNote.marker))
        #expect(body.contains("**failed**"))
        #expect(body.contains("`AKIA…`"))
        #expect(body.contains("Title \\| of stripe"))
        #expect(body.contains("`src/pay¦ments.py:3`"))
        #expect(body.contains("`01234567`"))
        #expect(n.statusState == "failed")
        #expect(n.statusDescription == "1 new finding at or above high")
        let clean = MergeRequestNote(diff: FindingDiff(new: [], fixed: [], ignored: 0, unchanged: 2, total: 2), gate: .high, sha: "ab",
                                     scanURL: "http://x/scans/1", scannerFailures: [])
        #expect(clean.statusState == "success")
        #expect(clean.render().contains("No new findings."))
        let broken = MergeRequestNote(diff: FindingDiff(new: [], fixed: [], ignored: 0, unchanged: 0, total: 0), gate: .high, sha: "ab",
                                      scanURL: "http://x/scans/1", scannerFailures: ["Secrets"])
        #expect(broken.statusState == "failed", "a failed scanner never passes the gate")
    }
}
