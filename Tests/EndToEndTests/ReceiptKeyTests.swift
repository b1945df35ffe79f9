import Foundation
import Testing

/// The park's own Ed25519 key, created at first start in the state directory, which will sign
/// the receipts of tenants' submissions; its public key is in `parkctl status`.
@Suite("The park's receipt key")
struct ReceiptKeyFileTests {
    @Test("created at first start (mode 0600), shown by status, the same after a restart, and its private half gives the public key shown")
    func createdAndKept() throws {
        let daemon = try RunningDaemon()
        let path = daemon.directory + "/receipt-key"
        let info = try FileManager.default.attributesOfItem(atPath: path)
        #expect((info[.posixPermissions] as? Int) == 0o600)
        #expect(daemon.log.contains("created the park's receipt key"))

        let status = try daemon.parkctl(["--json", "status"])
        let reply = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let publicKey = try #require(reply["receiptKey"] as? String)
        let keyId = try #require(reply["receiptKeyId"] as? String)
        let text = try daemon.parkctl(["status"]).stdout
        #expect(text.contains("Receipt key:     \(publicKey) (id \(keyId))\n"), "\(text)")

        let privateKey = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .newlines)
        let derived = try runCommand("/usr/bin/env", ["python3", Binaries.script("tenant_key.py"), "public", privateKey])
        #expect(derived.stdout == "\(publicKey)\n\(keyId)\n", "\(derived.stderr)")

        let restarted = try daemon.restarted()
        let again = try restarted.parkctl(["--json", "status"]).stdout
        #expect(again.contains("\"receiptKey\" : \"\(publicKey)\""))
        // The restarted parkd's log starts empty: it read the key and made none.
        #expect(!restarted.log.contains("created the park's receipt key"), "\(restarted.log)")
    }

    @Test("a receipt key file others may read, a symbolic link, or one holding no key stops parkd, naming the problem")
    func refused() throws {
        let base = try StateDirectoryTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let state = base + "/state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        let path = state + "/receipt-key"
        // The park's database is there (a key beside no database would be refused for that).
        #expect(FileManager.default.createFile(atPath: state + "/parkd.sqlite", contents: nil, attributes: [.posixPermissions: 0o640]))

        try "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o600)
        let garbage = try StateDirectoryTests.start(stateDirectory: state, socketDirectory: base)
        #expect(garbage.status == 78)
        #expect(garbage.stderr.contains("\(path): does not hold a receipt key"), "\(garbage.stderr)")

        try "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o644)
        let readable = try StateDirectoryTests.start(stateDirectory: state, socketDirectory: base)
        #expect(readable.status == 78)
        #expect(readable.stderr.contains("\(path): may be read by others (mode 0644); chmod 600 \(path)"), "\(readable.stderr)")

        try FileManager.default.moveItem(atPath: path, toPath: base + "/elsewhere")
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: base + "/elsewhere")
        let link = try StateDirectoryTests.start(stateDirectory: state, socketDirectory: base)
        #expect(link.status == 78)
        #expect(link.stderr.contains("\(path): is a symbolic link; the receipt key must be a file of its own"), "\(link.stderr)")
    }
}
