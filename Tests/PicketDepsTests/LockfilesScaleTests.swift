import Foundation
import Testing
import PicketCore
@testable import PicketDeps

/// Big inputs, generated into a temp folder at test time. The time limits are generous ceilings that only
/// catch quadratic behaviour; throughput figures come from `bench/deps/`.
@Suite(.serialized) struct LockfilesScaleTests {
    @Test func hundredMegabytePackageLock() throws {
        let dir = try TempDir()
        let data = GeneratedLockfile.packageLock(count: 100_000, padding: 640)
        #expect(data.count >= 100_000_000)
        try dir.write("package-lock.json", data)
        let clock = ContinuousClock()
        var result = LockfileResult()
        let elapsed = try clock.measure {
            result = try LockfileRegistry.standard.parse(path: "package-lock.json", files: dir.files)
        }
        #expect(result.packages.count == 100_000)
        #expect(result.package("pkg-99999")?.version == "\(99999 % 7).\(99999 % 13).\(99999 % 101)")
        #expect(result.package("pkg-3")?.scope == "dev")
        #expect(result.package("pkg-0")?.direct == true)
        #expect(elapsed < .seconds(120), "took \(elapsed)")
    }

    @Test func hundredThousandPackagesYarn() throws {
        let dir = try TempDir()
        try dir.write("yarn.lock", GeneratedLockfile.yarnLock(count: 100_000))
        let clock = ContinuousClock()
        var result = LockfileResult()
        let elapsed = try clock.measure {
            result = try LockfileRegistry.standard.parse(path: "yarn.lock", files: dir.files)
        }
        #expect(result.packages.count == 100_000)
        #expect(result.package("pkg-99999")?.line == 99_999 * 7 + 3)
        #expect(elapsed < .seconds(60), "took \(elapsed)")
    }

    @Test func hundredThousandPackagesPnpm() throws {
        let dir = try TempDir()
        try dir.write("pnpm-lock.yaml", GeneratedLockfile.pnpmLock(count: 100_000))
        let clock = ContinuousClock()
        var result = LockfileResult()
        let elapsed = try clock.measure {
            result = try LockfileRegistry.standard.parse(path: "pnpm-lock.yaml", files: dir.files)
        }
        #expect(result.packages.count == 100_000)
        #expect(result.package("pkg-0")?.direct == true)
        #expect(result.package("pkg-5")?.groups == [], "reachable from production through the snapshot chain")
        #expect(elapsed < .seconds(120), "took \(elapsed)")
    }
}
