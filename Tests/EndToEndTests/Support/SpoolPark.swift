import Foundation
import ParkCore

/// A real parkd with active tenants, each holding a key, and the spool of its state directory:
/// signs and drops submissions as a tenant's client would, and reads what parkd answered.
final class SpoolPark: @unchecked Sendable {
    var daemon: RunningDaemon
    let spool: String
    /// Each tenant's credit code, and the private key `tenant key issue` gave for it.
    private(set) var tenants: [(code: String, key: ReceiptKey)] = []
    let parkKey: SigningPublicKey

    static func creditCode(_ serial: Int) -> String {
        let digits = String(serial)
        return CreditCode.completing("9137021" + String(repeating: "0", count: 10 - digits.count) + digits)!
    }

    /// `rescanSeconds`: the spool's rescan timer (short, so a test of a lost notification waits
    /// little); `intake`, more lines of the `intake:` section (indented by two spaces).
    init(tenants count: Int, rescanSeconds: Int = 1, intake: String = "", config: String = "") throws {
        daemon = try RunningDaemon(
            config: "intake:\n  rescan_seconds: \(rescanSeconds)\n" + intake + config, clock: "2027-02-10T09:00:00+08:00")
        spool = daemon.directory + "/spool"
        for serial in 1...count {
            let code = Self.creditCode(serial)
            for arguments in [
                ["tenant", "add", "--name", "人力资源公司\(serial)", "--credit-code", code, "--business-line", "recruitment", "--on", "2010-01-02"],
                ["tenant", "transition", code, "reviewing", "--on", "2010-01-03", "--reason", "材料齐全"],
                ["tenant", "transition", code, "approved", "--on", "2010-01-04", "--reason", "评审通过"],
                ["tenant", "transition", code, "active", "--on", "2010-01-05", "--reason", "入驻"],
            ] {
                let result = try daemon.parkctl(arguments)
                guard result.status == 0 else { throw DaemonFailure(message: "\(arguments): \(result.stderr)") }
            }
        }
        let status = try daemon.parkctl(["--json", "status"])
        let object = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        parkKey = try SigningPublicKey.parse(object?["receiptKey"] as? String ?? "", field: "receiptKey")
        for serial in 1...count {
            let code = Self.creditCode(serial)
            tenants.append((code, try issueKey(code)))
        }
    }

    /// A new key for tenant `code`, issued by parkd.
    func issueKey(_ code: String) throws -> ReceiptKey {
        let issued = try daemon.parkctl(["tenant", "key", "issue", code])
        guard let line = issued.stdout.split(separator: "\n").first(where: { $0.hasPrefix("private key: ") }),
            let key = ReceiptKey(fileText: String(line.dropFirst("private key: ".count)))
        else { throw DaemonFailure(message: "no private key in \(issued.stdout) \(issued.stderr)") }
        return key
    }

    /// The envelope's bytes.
    static func envelope(code: String, id: String, keyId: String, type: String = "monthly-report", payload: String) -> [UInt8] {
        Array(#"{"submissionId":"\#(id)","tenant":"\#(code)","keyId":"\#(keyId)","type":"\#(type)","createdAt":"2027-02-03T10:00:00+08:00","payload":\#(payload)}"#.utf8)
    }

    /// A month's report payload.
    static func report(_ month: String, revenue: String = "1200000.00", tax: String = "48000.00", placements: Int = 26) -> String {
        #"{"month":"\#(month)","revenue":"\#(revenue)","tax":"\#(tax)","placements":\#(placements)}"#
    }

    /// A file signed with `key` (the tenant's own by default) over `envelope`.
    func file(tenant index: Int, id: String, type: String = "monthly-report", payload: String, key: ReceiptKey? = nil) throws -> [UInt8] {
        let (code, own) = tenants[index]
        let signer = key ?? own
        let bytes = Self.envelope(code: code, id: id, keyId: signer.publicKey.keyId, type: type, payload: payload)
        return SubmissionFile(envelopeBytes: bytes, signature: try signer.sign(bytes)).bytes
    }

    /// Drops a file as the protocol says: written in incoming/tmp, then renamed into incoming/new.
    func drop(_ bytes: [UInt8], name: String) throws {
        let temporary = spool + "/incoming/tmp/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, spool + "/incoming/new/" + name) == 0 else { throw DaemonFailure(message: "rename \(name): \(errno)") }
    }

    func names(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: spool + "/" + directory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Waits up to `timeout` seconds for `condition`.
    @discardableResult
    func wait(timeout: Double = 20, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            guard Date() < deadline else { return false }
            usleep(20_000)
        }
        return true
    }

    /// The receipt file's content once its signature by the park's key is checked; nil when
    /// there is no such file or its signature does not verify.
    func receipt(_ code: String, _ name: String) -> String? {
        guard let data = FileManager.default.contents(atPath: spool + "/outbox/" + code + "/" + name),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let content = (object["receipt"] as? String).flatMap({ Data(base64Encoded: $0) }).map(Array.init),
            let signature = (object["signature"] as? String).flatMap({ Data(base64Encoded: $0) }).map(Array.init),
            parkKey.verifies(signature: signature, of: content)
        else { return nil }
        return String(decoding: content, as: UTF8.self)
    }

    /// Rows of `query` on the park's database, columns split at tabs.
    func sql(_ query: String) throws -> [[String]] {
        let result = try runCommand("/usr/bin/sqlite3", ["-separator", "\t", daemon.databasePath, query])
        guard result.status == 0 else { throw DaemonFailure(message: "sqlite3: \(result.stderr)") }
        return result.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}
