import Foundation
import PicketCore
import PicketTestSupport
import Testing
@testable import PicketDeps

/// The zip reader on archives made by Python's `zipfile` (zip64, stored entries, folders, oversize entries).
@Suite("Zip reader")
struct ZipArchiveTests {
    func python(_ script: String, in dir: String) async throws {
        let r = try await ProcessRunner("python3", ["-c", script], workingDirectory: dir, timeout: .seconds(300)).run()
        try #require(r.status == 0, "python failed: \(r.stderrText)")
    }

    @Test func zip64WithManyEntries() async throws {
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-zip")
        defer { TestEnvironment.remove(dir) }
        // More than 65,535 entries forces the zip64 end-of-central-directory records.
        try await python("""
            import zipfile
            with zipfile.ZipFile('many.zip', 'w', zipfile.ZIP_DEFLATED) as z:
                for i in range(70000):
                    z.writestr('R-%05d.json' % i, '{"id": "R-%05d"}' % i)
            """, in: dir)
        let zip = try ZipArchive(path: dir + "/many.zip")
        #expect(zip.entries.count == 70_000)
        let last = try #require(zip.entries.last)
        #expect(last.name == "R-69999.json")
        #expect(String(decoding: try zip.read(last), as: UTF8.self) == #"{"id": "R-69999"}"#)
    }

    @Test func storedDeflatedFoldersAndOtherFiles() async throws {
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-zip")
        defer { TestEnvironment.remove(dir) }
        try await python("""
            import zipfile, json
            rec = lambda i: json.dumps({"id": i, "affected": [{"package": {"ecosystem": "npm", "name": "z"}, "versions": ["1.0.0"]}]})
            with zipfile.ZipFile('mixed.zip', 'w') as z:
                z.writestr('sub/', '')
                z.writestr(zipfile.ZipInfo('sub/A-1.json'), rec('A-1'), compress_type=zipfile.ZIP_STORED)
                z.writestr(zipfile.ZipInfo('B-1.json'), rec('B-1'), compress_type=zipfile.ZIP_DEFLATED)
                z.writestr('notes.txt', 'not a record')
            """, in: dir)
        let source = try AdvisorySource.resolve(dir + "/mixed.zip")
        #expect(source.kind == .zip)
        var seen: [String] = []
        let ignored = try source.forEachDocument { doc in seen.append(try OSVRecord.decode(Data(doc.bytes)).id) }
        #expect(seen == ["A-1", "B-1"])
        #expect(ignored == [dir + "/mixed.zip (entry notes.txt)"])
    }

    @Test func oversizeAndLyingEntriesAreRefused() async throws {
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-zip")
        defer { TestEnvironment.remove(dir) }
        try await python("""
            import zipfile, struct
            with zipfile.ZipFile('bomb.zip', 'w', zipfile.ZIP_DEFLATED) as z:
                z.writestr('big.json', b'0' * (65 << 20))
            # An entry that inflates to more than it declares: shrink the declared size in both headers.
            with zipfile.ZipFile('liar.zip', 'w', zipfile.ZIP_DEFLATED) as z:
                z.writestr('small.json', b'{"id": "X"}' + b' ' * 1000)
            data = bytearray(open('liar.zip', 'rb').read())
            info = zipfile.ZipFile('liar.zip').infolist()[0]
            struct.pack_into('<I', data, info.header_offset + 22, 10)
            cd = data.rfind(b'PK\\x01\\x02')
            struct.pack_into('<I', data, cd + 24, 10)
            open('liar.zip', 'wb').write(data)
            """, in: dir)
        let bomb = try ZipArchive(path: dir + "/bomb.zip")
        #expect(throws: ZipArchive.Failure.self) { _ = try bomb.read(bomb.entries[0]) }
        #expect((try? bomb.read(bomb.entries[0])) == nil)
        do { _ = try bomb.read(bomb.entries[0]) } catch { #expect(error.description.contains("entries over 64 MiB are refused")) }
        let liar = try ZipArchive(path: dir + "/liar.zip")
        do {
            _ = try liar.read(liar.entries[0])
            Issue.record("a lying entry was read")
        } catch {
            #expect(error.description.contains("inflates to more than the 10 bytes the archive declares"))
        }
    }

    @Test func notAZip() throws {
        let dir = try TestEnvironment.makeTemporaryDirectory("picket-zip")
        defer { TestEnvironment.remove(dir) }
        try Data(repeating: 0x41, count: 100).write(to: URL(fileURLWithPath: dir + "/x.zip"))
        #expect(throws: ZipArchive.Failure.self) { _ = try ZipArchive(path: dir + "/x.zip") }
        try Data().write(to: URL(fileURLWithPath: dir + "/empty.zip"))
        #expect(throws: ZipArchive.Failure.self) { _ = try ZipArchive(path: dir + "/empty.zip") }
        #expect(throws: ZipArchive.Failure.self) { _ = try ZipArchive(path: dir) }
    }
}
