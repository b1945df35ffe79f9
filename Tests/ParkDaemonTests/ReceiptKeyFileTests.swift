import Foundation
@testable import ParkDaemon
import Testing

@Suite("The receipt key file")
struct ReceiptKeyFileTests {
    @Test("a new key is written beside its name and linked into place, so a parkd killed on the way leaves no empty key; what one left is removed")
    func createdWhole() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-receipt-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let leftover = directory + "/.receipt-key.7.tmp"
        #expect(FileManager.default.createFile(atPath: leftover, contents: Data(), attributes: [.posixPermissions: 0o600]))
        var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, leftover, &times, 0) == 0)

        let created = try ReceiptKeyFile.loadOrCreate(in: directory)
        #expect(created.created)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["receipt-key"], "the key alone: no temporary file left")
        #expect((try FileManager.default.attributesOfItem(atPath: directory + "/receipt-key")[.posixPermissions] as? Int) == 0o600)
        let loaded = try ReceiptKeyFile.loadOrCreate(in: directory)
        #expect(!loaded.created && loaded.key.publicKey == created.key.publicKey)
    }
}
