import PicketCore
import Testing
@testable import PicketSecrets

/// Checksum validators against vectors computed independently (GitLab: Python's zlib.crc32; bech32: BIP 173's
/// published test vectors; GitHub: Python's zlib.crc32 with base62).
@Suite struct ChecksumValidatorTests {
    static let gitlab = GitLabRoutableChecksum()
    static let bech32 = Bech32Checksum()

    static func valid(_ v: some ChecksumValidator, _ s: String) -> Bool { v.isValid(Array(s.utf8)) }

    @Test(arguments: [
        "glpat-YzoxCm86Mgp1OjNS8iZlpgwS0okYXZUO6IE2EA.120iab7i2",
        "glrt-t1_YzozCm86NGNoCnU6OXF1dmsRPReNbA_TkB_yOaGglfIQ.181z0zhxq",
        "gldt-Yzo0Cm86dDZtCnU6ZDVyNWUM-TgLjtsiSmskih6STo8Q.01.181913hcr",
        "glpat-YzpuCm86OGh5CnU6ZHFhYx1-DzfESSG9P2Vk6t9_FCoQ.181t5mvt4",
    ])
    func gitlabRoutableAccepts(_ token: String) {
        #expect(Self.valid(Self.gitlab, token))
    }

    @Test(arguments: [
        // CRC of something else
        "glpat-YzpjCm86NTdtCnU6ZDJrY5KjMF8YjLYQkA-eNH-uiG0Q.181v7sqpr",
        // length digits do not match B (and the CRC was computed over the wrong length)
        "glpat-YzpsCm86bmptCnU6ZDVycux0XEw_yy6yxz4Uk0yGfuAQ.191yoi3ju",
        // one character of B changed
        "glpat-YzoxCm86Mgp1OjNS8iZlpgwS0okYXZUO6IE2EB.120iab7i2",
        // prefix changed: the CRC covers it
        "glpau-YzoxCm86Mgp1OjNS8iZlpgwS0okYXZUO6IE2EA.120iab7i2",
        // upper-case base36 is not the format
        "glpat-YzoxCm86Mgp1OjNS8iZlpgwS0okYXZUO6IE2EA.120IAB7I2",
        // no dot, classic token, too short
        "glpat-YzoxCm86Mgp1OjNS8iZl", "glpat-", "",
    ])
    func gitlabRoutableRejects(_ token: String) {
        #expect(!Self.valid(Self.gitlab, token))
    }

    /// A one-dot token whose length digits are wrong but whose CRC was recomputed: only the length check catches it.
    @Test func gitlabRoutableChecksLengthDigits() {
        let good = "glpat-YzoxCm86Mgp1OjNS8iZlpgwS0okYXZUO6IE2EA.12"
        let forged = "glpat-YzoxCm86Mgp1OjNS8iZlpgwS0okYXZUO6IE2EA.13"
        func sign(_ head: String) -> String {
            var v = CRC32.checksum(Array(head.utf8))
            var out = ""
            let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz")
            while v > 0 { out = String(digits[Int(v % 36)]) + out; v /= 36 }
            return head + String(repeating: "0", count: max(0, 7 - out.count)) + out
        }
        #expect(Self.valid(Self.gitlab, sign(good)))
        #expect(!Self.valid(Self.gitlab, sign(forged)))
    }

    @Test(arguments: ["A12UEL5L", "a12uel5l", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
                      "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
                      "AGE-SECRET-KEY-127A8YJVMLGFPAQMT9TQ4WFHW044S4A4TZ0PCAYK2URG4Q4A3TXVQ4JYP7X"])
    func bech32Accepts(_ s: String) {
        #expect(Self.valid(Self.bech32, s))
    }

    @Test(arguments: ["a12UEL5L", "A12UEL5M", "1qzzfhee", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxx",
                      "AGE-SECRET-KEY-1072VCAQ36UTLZ3TEK24PQRAMKD86TYL74MF8YJ9HVT36KKQ97PMQZALCXN", "AGE-SECRET-KEY-1"])
    func bech32Rejects(_ s: String) {
        #expect(!Self.valid(Self.bech32, s))
    }

    @Test func registryKnowsEveryValidator() {
        for name in ["github", "npm", "gitlab-routable", "bech32"] {
            #expect(ChecksumValidators.named(name) != nil, "\(name) is not registered")
        }
    }
}
