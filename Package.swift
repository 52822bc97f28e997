// swift-tools-version: 6.1
import PackageDescription

// Module map of Picket. Each scanner is its own module behind PicketCore's `Scanner` protocol;
// nothing imports the `picket` executable, and scanners know nothing of GitLab, the store or the CLI.
let package = Package(
    name: "Picket",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "picket", targets: ["picket"]),
        .executable(name: "gitlab-sim", targets: ["gitlab-sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3" ..< "5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // C libraries from Debian's -dev packages.
        .systemLibrary(name: "CVectorscan", path: "Sources/System/CVectorscan", pkgConfig: "libhs",
                       providers: [.apt(["libvectorscan-dev"])]),
        .systemLibrary(name: "CPCRE2", path: "Sources/System/CPCRE2", pkgConfig: "libpcre2-8",
                       providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CSQLite3", path: "Sources/System/CSQLite3", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        // libdeflate: zlib-format records in the advisory database and zip dumps, several times faster than zlib.
        .systemLibrary(name: "CDeflate", path: "Sources/System/CDeflate", pkgConfig: "libdeflate",
                       providers: [.apt(["libdeflate-dev"])]),

        // posix_spawn with closefrom/chdir/process groups: glibc extensions Swift's Glibc module does not expose.
        .target(name: "CSpawn", path: "Sources/System/CSpawn"),
        .target(name: "PicketCore", dependencies: [
            "CSpawn",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "PicketReports", dependencies: ["PicketCore"]),
        .target(name: "PicketRegex", dependencies: ["CVectorscan", "CPCRE2"]),
        .target(name: "PicketSecrets", dependencies: ["PicketCore", "PicketRegex"],
                resources: [.copy("RulePack")]),
        .target(name: "PicketSQLite", dependencies: ["CSQLite3"]),
        .target(name: "PicketDeps", dependencies: ["PicketCore", "PicketSQLite", "CDeflate"]),
        .target(name: "PicketGitLab", dependencies: [
            "PicketCore",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "PicketStore", dependencies: [
            "PicketCore", "PicketSQLite",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        .target(name: "PicketCode", dependencies: [
            "PicketCore",
            .product(name: "Yams", package: "Yams"),
        ]),

        // Every scanner module, registered in one list for the CLI and the server.
        .target(name: "PicketScanners", dependencies: ["PicketCore", "PicketSecrets", "PicketDeps", "PicketCode"]),
        // The platform: `picket serve` / `picket worker` (HTTP server, dashboard, REST API, webhooks, jobs, MR
        // feedback). Scanner modules never import it.
        .target(name: "PicketServer", dependencies: [
            "PicketCore", "PicketStore", "PicketGitLab", "PicketScanners", "PicketDeps",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], resources: [.copy("Resources")]),
        .executableTarget(name: "picket", dependencies: [
            "PicketCore", "PicketReports", "PicketSecrets", "PicketDeps", "PicketCode", "PicketScanners", "PicketGitLab",
            "PicketStore", "PicketServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // GitLab simulator for tests and `make sim`: a test fixture, not part of Picket (nothing of Picket imports it).
        .target(name: "GitLabSimKit", dependencies: [
            "PicketCore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], path: "Sources/GitLabSim"),
        .executableTarget(name: "gitlab-sim", dependencies: [
            "GitLabSimKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Benchmark driver for the platform store (bench/platform); not shipped.
        .executableTarget(name: "picket-bench", dependencies: ["PicketStore", "PicketCore"]),

        // Shared test helpers (temp folders, the built binary, git, schema validation).
        .target(name: "PicketTestSupport", dependencies: ["PicketCore"], path: "Tests/Support"),
        .testTarget(name: "PicketCoreTests", dependencies: ["PicketCore", "PicketTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PicketReportsTests", dependencies: ["PicketReports", "PicketCore", "PicketTestSupport"]),
        .testTarget(name: "PicketRegexTests", dependencies: ["PicketRegex"]),
        .testTarget(name: "PicketSecretsTests", dependencies: ["PicketSecrets", "PicketCore", "PicketTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "PicketGitLabTests", dependencies: [
            "PicketGitLab", "PicketCore", "PicketSecrets", "PicketTestSupport", "GitLabSimKit",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "PicketStoreTests", dependencies: [
            "PicketStore", "PicketCore", "PicketSQLite",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "PicketDepsTests", dependencies: ["PicketDeps", "PicketCore", "PicketSQLite", "PicketTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "PicketServerTests", dependencies: [
            "PicketServer", "PicketStore", "PicketGitLab", "PicketCore", "PicketTestSupport", "GitLabSimKit",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "PicketCLITests", dependencies: ["PicketCore", "PicketTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GitLabSimTests", dependencies: [
            "GitLabSimKit",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
        ], resources: [.copy("python")]),
        .testTarget(name: "PicketCodeTests", dependencies: ["PicketCode", "PicketCore", "PicketReports", "PicketTestSupport"],
                    resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
