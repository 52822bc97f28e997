import ArgumentParser
import Foundation
import PicketCore
import PicketDeps

/// `picket db`: the local OSV advisory database that dependency scanning matches against.
struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the local vulnerability (OSV) database.",
        subcommands: [Import.self, Update.self, Status.self, Lookup.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load OSV records from dumps (<Ecosystem>/all.zip), zips, folders of .json records or .json files.",
            discussion: """
            The import is one transaction: if any input is unreadable, a zip is corrupt, or a record is not valid OSV, \
            nothing changes and the error names the file or zip entry. With --skip-invalid, invalid records are \
            skipped instead and each one is listed. Importing the same source again (the same ecosystem's all.zip, \
            the same folder) replaces what it brought before.
            """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Dumps, zips, folders or .json files.", valueName: "PATH"))
        var paths: [String]

        @Flag(name: .customLong("skip-invalid"), help: "Skip records that are not valid OSV (listed) instead of aborting.")
        var skipInvalid = false

        @Flag(help: "Start from an empty database instead of adding to it.")
        var replace = false

        func run() async throws {
            try await withUserErrors {
                guard !paths.isEmpty else { throw PicketError.usage("db import: give at least one PATH") }
                let sources = try paths.map(AdvisorySource.resolve)
                let importer = AdvisoryImporter(dataDirectory: global.dataDirectory)
                let report = try importer.run(sources, options: AdvisoryImportOptions(skipInvalid: skipInvalid, replaceAll: replace))
                var out = ""
                for s in report.sources {
                    out += "\(s.path): \(s.records) records (\(s.withdrawn) withdrawn)"
                    out += s.replaced > 0 ? ", replacing \(s.replaced) from the previous import\n" : "\n"
                }
                for bad in report.invalid { Terminal.warning("skipped invalid record \(bad)") }
                if !report.ignored.isEmpty {
                    Terminal.warning("ignored \(report.ignored.count) non-JSON file(s), first: \(report.ignored.prefix(3).joined(separator: ", "))")
                }
                if !report.duplicateIDs.isEmpty {
                    Terminal.warning("\(report.duplicateIDs.count) record id(s) appeared more than once; the last one read was kept (first: \(report.duplicateIDs.prefix(3).joined(separator: ", ")))")
                }
                for (eco, n) in report.unknownEcosystems.sorted(by: { $0.key < $1.key }) {
                    Terminal.warning("kept \(n) record(s) for ecosystem '\(eco)', whose version order Picket does not know: only their explicit version lists can match")
                }
                out += String(format: "%d records in %@ (imported in %.1fs)\n", report.totalRecords, report.databasePath, report.seconds)
                Terminal.stdout(Data(out.utf8))
                return 0
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download OSV dumps per ecosystem (incrementally once loaded).",
            discussion: "Without --ecosystem, refreshes the ecosystems already loaded from dumps."
        )

        @OptionGroup var global: GlobalOptions

        @Option(name: .customLong("ecosystem"), help: ArgumentHelp("OSV ecosystem to download (repeatable), e.g. PyPI, npm, crates.io.", valueName: "NAME"))
        var ecosystems: [String] = []

        @Flag(help: "Download the full dump even when an incremental update is possible.")
        var full = false

        @Option(name: .customLong("base-url"), help: ArgumentHelp("Where the dumps are served (default: the public OSV bucket).", valueName: "URL"))
        var baseURL: String?

        func run() async throws {
            try await withUserErrors {
                let updater = AdvisoryUpdater(dataDirectory: global.dataDirectory, baseURL: baseURL ?? AdvisoryUpdater.defaultBaseURL)
                let targets = ecosystems.isEmpty ? try updater.installedEcosystems() : ecosystems
                guard !targets.isEmpty else {
                    throw PicketError.usage("db update: nothing loaded yet; name the ecosystems to download, e.g. --ecosystem PyPI --ecosystem npm")
                }
                let results = try await updater.update(ecosystems: targets, full: full) { Terminal.stderr($0 + "\n") }
                var out = ""
                for r in results {
                    switch r.mode {
                    case .full: out += "\(r.ecosystem): full dump, \(r.records) records (\(r.bytesDownloaded) bytes)\n"
                    case .incremental: out += "\(r.ecosystem): \(r.records) changed records applied\n"
                    case .upToDate: out += "\(r.ecosystem): up to date\n"
                    }
                }
                Terminal.stdout(Data(out.utf8))
                return 0
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show what the advisory database holds and how old it is.")

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Print JSON instead of text.")
        var json = false

        func run() async throws {
            try await withUserErrors {
                let s = try AdvisoryDatabase.open(dataDirectory: global.dataDirectory).status()
                if json {
                    let doc: [String: Any] = [
                        "path": s.path, "sizeBytes": s.sizeBytes, "records": s.records, "withdrawn": s.withdrawn,
                        "lastImport": s.lastImport.map { ISO8601DateFormatter().string(from: $0) } ?? NSNull(),
                        "ecosystems": s.ecosystems.map {
                            ["ecosystem": $0.ecosystem, "records": $0.records, "withdrawn": $0.withdrawn,
                             "packages": $0.packages, "versionOrderKnown": $0.versionOrderKnown] as [String: Any]
                        },
                        "sources": s.sources.map {
                            ["name": $0.name, "kind": $0.kind, "location": $0.location, "records": $0.records,
                             "skipped": $0.skipped, "importedAt": ISO8601DateFormatter().string(from: $0.importedAt),
                             "newestModified": $0.newestModified ?? NSNull()] as [String: Any]
                        },
                    ]
                    Terminal.stdout(try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys]))
                    Terminal.stdout(Data("\n".utf8))
                    return 0
                }
                var out = "\(s.path) (\(s.sizeBytes / 1024) KiB): \(s.records) records, \(s.withdrawn) withdrawn\n"
                if let last = s.lastImport {
                    out += "last import: \(ISO8601DateFormatter().string(from: last)) (\(Self.age(since: last)) ago)\n"
                }
                out += "\nECOSYSTEM            RECORDS  WITHDRAWN  PACKAGES\n"
                for e in s.ecosystems {
                    out += e.ecosystem.padding(toLength: 20, withPad: " ", startingAt: 0)
                        + String(format: " %7d  %9d  %8d", e.records, e.withdrawn, e.packages)
                        + (e.versionOrderKnown ? "" : "  (version order unknown: explicit version lists only)") + "\n"
                }
                out += "\nSOURCES\n"
                for src in s.sources {
                    out += "\(src.name): \(src.records) records, imported \(Self.age(since: src.importedAt)) ago"
                    out += (src.newestModified.map { ", newest record modified \($0)" } ?? "") + "\n"
                }
                Terminal.stdout(Data(out.utf8))
                return 0
            }
        }

        static func age(since date: Date) -> String {
            let s = max(0, Int(Date().timeIntervalSince(date)))
            if s < 120 { return "\(s)s" }
            if s < 7200 { return "\(s / 60)m" }
            if s < 172_800 { return "\(s / 3600)h" }
            return "\(s / 86_400)d"
        }
    }

    struct Lookup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the advisories that affect a package version (or every line of a batch file).",
            discussion: """
            Examples: picket db lookup PyPI django 3.2.0
                      picket db lookup --batch packages.tsv   (lines: ECOSYSTEM<TAB>NAME<TAB>VERSION)
            Exit code 1 when something is vulnerable.
            """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("ECOSYSTEM NAME VERSION, e.g. npm lodash 4.17.20.", valueName: "PACKAGE"))
        var package: [String] = []

        @Option(help: ArgumentHelp("Look up every ECOSYSTEM<TAB>NAME<TAB>VERSION line of FILE in one pass.", valueName: "FILE"))
        var batch: String?

        func run() async throws {
            try await withUserErrors {
                let packages: [PackageRef]
                if let batch {
                    guard package.isEmpty else { throw PicketError.usage("db lookup: give either PACKAGE or --batch, not both") }
                    packages = try Self.readBatch(batch)
                } else {
                    guard package.count == 3 else { throw PicketError.usage("db lookup: expected ECOSYSTEM NAME VERSION") }
                    packages = [PackageRef(ecosystem: Ecosystem(package[0]), name: package[1], version: package[2], file: "")]
                }
                let started = Date()
                let db = try AdvisoryDatabase.open(dataDirectory: global.dataDirectory)
                let matches = try db.matches(for: packages)
                let seconds = Date().timeIntervalSince(started)
                var out = ""
                if batch == nil, let m = matches.first {
                    for v in m.vulnerabilities {
                        out += "\(v.id)  \(v.severity?.rawValue ?? "unrated")\(v.cvssScore.map { String(format: " %.1f", $0) } ?? "")"
                        out += "  fixed: \(v.fixedVersions.isEmpty ? "none known" : v.fixedVersions.joined(separator: ", "))"
                        out += v.aliases.isEmpty ? "" : "  aliases: \(v.aliases.joined(separator: ", "))"
                        out += "\n    \(v.summary ?? v.details.map { String($0.prefix(100)) } ?? "")\n"
                    }
                    out += "\(m.vulnerabilities.count) vulnerabilit\(m.vulnerabilities.count == 1 ? "y" : "ies")"
                    out += m.recommendedVersion.map { "; upgrade to \($0)" } ?? ""
                    out += "\n"
                    if let reason = m.unmatchedReason {
                        out += "not evaluated: \(reason) (\(m.unevaluatedAdvisories.joined(separator: ", ")))\n"
                    }
                    m.warnings.forEach(Terminal.warning)
                } else {
                    for m in matches where m.isVulnerable || m.unmatchedReason != nil {
                        let p = m.package
                        out += "\(p.ecosystem.rawValue)\t\(p.name)\t\(p.version ?? "")\t"
                        out += m.vulnerabilities.map(\.id).joined(separator: ",")
                        out += m.recommendedVersion.map { "\tupgrade to \($0)" } ?? ""
                        out += m.unmatchedReason.map { "\tnot evaluated: \($0)" } ?? ""
                        out += "\n"
                    }
                    let vulnerable = matches.filter(\.isVulnerable).count
                    out += String(format: "%d packages, %d vulnerable, %d vulnerabilities, %d not evaluated; matched in %.3fs\n",
                                  matches.count, vulnerable, matches.reduce(0) { $0 + $1.vulnerabilities.count },
                                  matches.filter { $0.unmatchedReason != nil }.count, seconds)
                }
                Terminal.stdout(Data(out.utf8))
                return matches.contains(where: \.isVulnerable) ? 1 : 0
            }
        }

        static func readBatch(_ path: String) throws -> [PackageRef] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw PicketError.input(file: path, message: "cannot read the file")
            }
            var out: [PackageRef] = []
            for (i, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.isEmpty || line.hasPrefix("#") { continue }
                let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard cols.count == 3 else {
                    throw PicketError.input(file: "\(path):\(i + 1)", message: "expected ECOSYSTEM<TAB>NAME<TAB>VERSION")
                }
                out.append(PackageRef(ecosystem: Ecosystem(String(cols[0])), name: String(cols[1]), version: String(cols[2]),
                                      file: path, line: i + 1))
            }
            return out
        }
    }
}
