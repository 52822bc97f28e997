// swift-tools-version: 6.1
import PackageDescription

// Module map of Picket. Each scanner is its own module behind PicketCore's `Scanner` protocol;
// nothing imports the `picket` executable, and scanners know nothing of GitLab, the store or the CLI.
let package = Package(
    name: "Picket",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "picket", targets: ["picket"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3" ..< "5.0.0"),
    ],
    targets: [
        // C libraries from Debian's -dev packages.
        .systemLibrary(name: "CVectorscan", path: "Sources/System/CVectorscan", pkgConfig: "libhs",
                       providers: [.apt(["libvectorscan-dev"])]),
        .systemLibrary(name: "CPCRE2", path: "Sources/System/CPCRE2", pkgConfig: "libpcre2-8",
                       providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CSQLite3", path: "Sources/System/CSQLite3", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/System/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),

        .target(name: "PicketCore", dependencies: [
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "PicketReports", dependencies: ["PicketCore"]),
        .target(name: "PicketRegex", dependencies: ["CVectorscan", "CPCRE2"]),
        .target(name: "PicketSecrets", dependencies: ["PicketCore", "PicketRegex"],
                resources: [.copy("RulePack")]),
        .target(name: "PicketSQLite", dependencies: ["CSQLite3"]),
        .target(name: "PicketDeps", dependencies: ["PicketCore", "PicketSQLite", "CZlib"]),

        .executableTarget(name: "picket", dependencies: [
            "PicketCore", "PicketReports", "PicketSecrets", "PicketDeps",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Shared test helpers (temp folders, the built binary, git, schema validation).
        .target(name: "PicketTestSupport", dependencies: ["PicketCore"], path: "Tests/Support"),
        .testTarget(name: "PicketCoreTests", dependencies: ["PicketCore", "PicketTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PicketReportsTests", dependencies: ["PicketReports", "PicketCore", "PicketTestSupport"]),
        .testTarget(name: "PicketRegexTests", dependencies: ["PicketRegex"]),
        .testTarget(name: "PicketSecretsTests", dependencies: ["PicketSecrets", "PicketCore", "PicketTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "PicketDepsTests", dependencies: ["PicketDeps", "PicketCore", "PicketSQLite", "PicketTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "PicketCLITests", dependencies: ["PicketCore", "PicketTestSupport"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
