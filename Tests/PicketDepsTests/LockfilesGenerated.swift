import Foundation

/// Generated lockfiles for size and scale tests (never committed).
enum GeneratedLockfile {
    /// A package-lock.json v3 with `count` packages; `padding` extra bytes of metadata per package make it big.
    static func packageLock(count: Int, padding: Int = 0) -> Data {
        var out = "{\n  \"name\": \"big\",\n  \"lockfileVersion\": 3,\n  \"requires\": true,\n  \"packages\": {\n"
        out += "    \"\": {\n      \"name\": \"big\",\n      \"dependencies\": {\n        \"pkg-0\": \"^1.0.0\"\n      }\n    }"
        let pad = String(repeating: "x", count: padding)
        var data = Data(out.utf8)
        data.reserveCapacity(count * (420 + padding))
        for i in 0..<count {
            var e = ",\n    \"node_modules/pkg-\(i)\": {\n"
            e += "      \"version\": \"\(i % 7).\(i % 13).\(i % 101)\",\n"
            e += "      \"resolved\": \"https://index.example/pkg-\(i)/-/pkg-\(i)-1.0.0.tgz\",\n"
            e += "      \"integrity\": \"sha512-\(String(repeating: "A", count: 86))==\",\n"
            if i % 3 == 0 { e += "      \"dev\": true,\n" }
            e += "      \"license\": \"MIT\",\n"
            if padding > 0 { e += "      \"description\": \"\(pad)\",\n" }
            e += "      \"dependencies\": {\n        \"pkg-\((i + 1) % count)\": \"^1.0.0\"\n      }\n    }"
            data.append(contentsOf: e.utf8)
        }
        data.append(contentsOf: "\n  }\n}\n".utf8)
        return data
    }

    /// A yarn.lock v1 with `count` packages.
    static func yarnLock(count: Int) -> Data {
        var data = Data("# yarn lockfile v1\n\n".utf8)
        for i in 0..<count {
            let e = "\"pkg-\(i)@^1.0.0\", \"pkg-\(i)@^1.1.0\":\n  version \"1.\(i % 50).\(i % 7)\"\n  resolved \"https://index.example/pkg-\(i)/-/pkg-\(i)-1.0.0.tgz#0123456789abcdef\"\n  integrity sha512-abc\n  dependencies:\n    pkg-\((i + 1) % count) \"^1.0.0\"\n\n"
            data.append(contentsOf: e.utf8)
        }
        return data
    }

    /// A pnpm-lock.yaml v9 with `count` packages.
    static func pnpmLock(count: Int) -> Data {
        var s = "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      pkg-0:\n        specifier: ^1.0.0\n        version: 1.0.0\n\npackages:\n\n"
        for i in 0..<count { s += "  pkg-\(i)@1.0.\(i):\n    resolution: {integrity: sha512-abc}\n\n" }
        s += "snapshots:\n\n"
        for i in 0..<count { s += "  pkg-\(i)@1.0.\(i):\n    dependencies:\n      pkg-\((i + 1) % count): 1.0.\((i + 1) % count)\n\n" }
        return Data(s.utf8)
    }
}
