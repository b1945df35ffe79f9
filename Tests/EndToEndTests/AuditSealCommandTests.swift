import Foundation
import ParkControl
import Testing

/// The audit trail sealed with a key the database does not hold, and checked against the heads
/// parkd notes in its log (issue 18 finding 9).
@Suite("A sealed, anchored audit trail")
struct AuditSealCommandTests {
    /// A new key file in a directory of its own; its path and key id.
    static func newKey() throws -> (path: String, id: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-key-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/audit.key"
        let made = try runCommand(Binaries.parkd, ["--generate-audit-key", path])
        #expect(made.status == 0, "\(made.stderr)")
        let id = try #require(made.stdout.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        return (path, id)
    }

    /// Edits entry 2 and recomputes every hash from it on with plain SHA-256, as someone who can
    /// write the database but cannot read the key would.
    static let recompute = """
        import hashlib, sqlite3, sys
        db = sqlite3.connect(sys.argv[1])
        db.execute("UPDATE auditEntry SET user = 'mallory' WHERE id = 2")
        previous = db.execute("SELECT hash FROM auditEntry WHERE id = 1").fetchone()[0]
        for row in db.execute("SELECT id, at, uid, user, pid, method, parameters, outcome, keyId FROM auditEntry WHERE id >= 2 ORDER BY id").fetchall():
            fields = [str(row[0]), row[1], str(row[2]), row[3], str(row[4]), row[5], row[6], row[7], previous or "0" * 64]
            if row[8] is not None: fields.append(row[8])
            content = "".join(f"{len(f.encode())}:{f};" for f in fields)
            digest = hashlib.sha256(content.encode()).hexdigest()
            db.execute("UPDATE auditEntry SET previousHash = ?, hash = ? WHERE id = ?", (previous or "0" * 64, digest, row[0]))
            previous = digest
        db.commit()
        """

    @Test("parkd --generate-audit-key writes a key for its owner only, and never replaces one")
    func generate() throws {
        let key = try Self.newKey()
        let attributes = try FileManager.default.attributesOfItem(atPath: key.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(key.id.count == 16)
        let again = try runCommand(Binaries.parkd, ["--generate-audit-key", key.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("exists already; parkd never replaces an audit key"), "\(again.stderr)")
    }

    @Test("entries are sealed with the key, and a chain recomputed without it no longer verifies")
    func recomputedChainFails() throws {
        let key = try Self.newKey()
        let daemon = try RunningDaemon(config: "audit:\n  key_file: \(key.path)\n")
        for (name, code) in [("A", "91370200163562681G"), ("B", "91110000802100433B")] {
            #expect(try daemon.parkctl(["tenant", "add", "--name", name, "--credit-code", code]).status == 0)
        }
        #expect(try daemon.parkctl(["unit", "add", "--building", "A", "--number", "1", "--area", "100", "--kind", "office", "--rent", "40"]).status == 0)
        let verified = try daemon.parkctl(["audit", "verify"])
        #expect(verified.status == 0)
        #expect(verified.stdout.contains("sealed with audit key \(key.id) from entry 1 on"), "\(verified.stdout)")

        let rewritten = try runCommand("/usr/bin/python3", ["-c", Self.recompute, daemon.databasePath])
        #expect(rewritten.status == 0, "\(rewritten.stderr)")
        let broken = try daemon.parkctl(["audit", "verify"])
        #expect(broken.status == 1)
        #expect(broken.stdout == "audit trail BROKEN at entry 2: entry 2 was altered: its content no longer matches its hash\n")
    }

    @Test("parkd does not start without the key that sealed the newest entry, or with another: it would break the chain; --audit-key-changed starts it, saying so")
    func keyMissingOrOther() throws {
        let key = try Self.newKey(), other = try Self.newKey()
        let daemon = try RunningDaemon(config: "audit:\n  key_file: \(key.path)\n")
        #expect(try daemon.parkctl(["tenant", "add", "--name", "A", "--credit-code", "91370200163562681G"]).status == 0)
        daemon.stop()
        for (config, holding) in [
            ("audit:\n  key_file: \(daemon.directory)/no-such.key\n", "parkd holds no audit key"),
            ("audit:\n  key_file: \(other.path)\n", "parkd holds audit key \(other.id) instead"),
        ] {
            try config.write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
            let refused = try runCommand("/usr/bin/timeout", [
                "20", Binaries.parkd, "--config", daemon.configPath, "--state-dir", daemon.directory, "--socket", daemon.socketPath,
            ])
            #expect(refused.status == 78)
            #expect(refused.stderr.contains("the audit trail is sealed with audit key \(key.id), and \(holding)"), "\(refused.stderr)")
        }
        // Told the key is lost for good, parkd starts, and the trail fails from its next entry on.
        let changed = try RunningDaemon(directoryOf: daemon, arguments: ["--audit-key-changed"])
        #expect(changed.log.contains("the audit trail was sealed with audit key \(key.id), and parkd writes on with key \(other.id)"), "\(changed.log)")
        // The change is in the trail at once: the next start needs no flag, though nothing else was written.
        let trail = try changed.parkctl(["--json", "audit", "list", "--limit", "1"]).stdout
        #expect(trail.contains("Audit.KeyChanged") && trail.contains(key.id) && trail.contains(other.id), "\(trail)")
        changed.stop()
        let again = try RunningDaemon(directoryOf: changed, arguments: [])
        #expect(try again.parkctl(["tenant", "add", "--name", "B", "--credit-code", "91110000802100433B"]).status == 0)
        #expect(try again.parkctl(["audit", "verify"]).status == 1)
        // The checker without parkd names the key: entries sealed with one key, checked with another.
        let listing = again.directory + "/trail.json"
        try again.parkctl(["--json", "audit", "list"]).stdout.write(toFile: listing, atomically: true, encoding: .utf8)
        let checked = try runCommand("/bin/sh", ["-c", "python3 \"$0\" --key \"$1\" < \"$2\"", "\(Binaries.repository)/Tools/parkd-audit-check.py", other.path, listing])
        #expect(checked.status == 1 && checked.stdout == "entry 1 is sealed with audit key \(key.id), and \(other.path) is audit key \(other.id)\n", "\(checked.stdout)")
        again.stop()

        // Entries written without a key after sealed ones, then the key back: parkd seals the trail
        // again, saying at CRITICAL where verify fails, and the checker without parkd fails there too.
        try "audit:\n  key_file: \(again.directory)/no-such.key\n".write(toFile: again.configPath, atomically: true, encoding: .utf8)
        let keyless = try RunningDaemon(directoryOf: again, arguments: ["--audit-key-changed"])
        #expect(try keyless.parkctl(["tenant", "add", "--name", "C", "--credit-code", "91370200718022626N"]).status == 0)
        let unsealedFrom = try JSONDecoder().decode(AuditAPI.ListReply.self, from: Data(try keyless.parkctl(["--json", "audit", "list", "--limit", "2"]).stdout.utf8)).entries.last!.id
        keyless.stop()
        try "audit:\n  key_file: \(other.path)\n".write(toFile: keyless.configPath, atomically: true, encoding: .utf8)
        let resealed = try RunningDaemon(directoryOf: keyless, arguments: [])
        #expect(resealed.log.contains("were not sealed though entries before them were: written without the key (--audit-key-changed) or forged; audit verify fails at entry \(unsealedFrom)"),
                "\(resealed.log)")
        try resealed.parkctl(["--json", "audit", "list"]).stdout.write(toFile: listing, atomically: true, encoding: .utf8)
        let mixed = try runCommand("/bin/sh", ["-c", "python3 \"$0\" --key \"$1\" < \"$2\"", "\(Binaries.repository)/Tools/parkd-audit-check.py", key.path, listing])
        #expect(mixed.status == 1, "\(mixed.stdout)")
    }

    @Test("a trail written before the key is sealed from the next start on")
    func sealedOnUpgrade() throws {
        let key = try Self.newKey()
        let plain = try RunningDaemon()
        #expect(try plain.parkctl(["tenant", "add", "--name", "A", "--credit-code", "91370200163562681G"]).status == 0)
        #expect(plain.log.contains("the audit trail is not sealed: no audit key"))
        try "audit:\n  key_file: \(key.path)\n".write(toFile: plain.configPath, atomically: true, encoding: .utf8)
        let sealed = try plain.restarted()
        #expect(sealed.log.contains("sealed the audit trail with its key: entry 2 is the first sealed entry"), "\(sealed.log)")
        let verified = try sealed.parkctl(["audit", "verify"])
        #expect(verified.stdout.contains("sealed with audit key \(key.id) from entry 2 on"), "\(verified.stdout)")
        let trail = try sealed.parkctl(["audit", "list"])
        #expect(trail.stdout.contains("Audit.Seal"))
        // An auditor finds when the trail was sealed by its method, as any other entry.
        let seals = try sealed.parkctl(["audit", "list", "--method", "Audit.Seal"])
        #expect(seals.status == 0 && seals.stdout.split(separator: "\n").count == 2 && seals.stdout.contains("Audit.Seal"), "\(seals.stdout)\(seals.stderr)")
        #expect(try sealed.parkctl(["audit", "list", "--method", "Audit.KeyChanged"]).stdout.hasPrefix("no audit entries"))

        // An auditor recomputes the chain without parkd, from the list alone: the sealed entries
        // with the key, not without it; an entry edited in the listing is named.
        let listing = sealed.directory + "/trail.json"
        try sealed.parkctl(["--json", "audit", "list"]).stdout.write(toFile: listing, atomically: true, encoding: .utf8)
        let tool = "\(Binaries.repository)/Tools/parkd-audit-check.py"
        func check(_ arguments: [String], listing: String) throws -> CommandResult {
            try runCommand("/bin/sh", ["-c", "python3 \"$0\" \"$@\" < \"\(listing)\"", tool] + arguments)
        }
        #expect(try check(["--key", key.path], listing: listing).stdout == "entries 1 to 2: every hash recomputed, each entry follows the one before\n")
        let keyless = try check([], listing: listing)
        #expect(keyless.status == 1 && keyless.stdout == "entry 2 is sealed with audit key \(key.id): give --key to check it\n", "\(keyless.stdout)")
        let edited = sealed.directory + "/edited.json"
        try String(contentsOfFile: listing, encoding: .utf8).replacingOccurrences(of: "\"user\" : \"root\"", with: "\"user\" : \"mallory\"")
            .write(toFile: edited, atomically: true, encoding: .utf8)
        let broken = try check(["--key", key.path], listing: edited)
        #expect(broken.status == 1 && broken.stdout == "entry 1: its content no longer gives its hash\n", "\(broken.stdout)")
    }

    @Test("the heads parkd notes in its log find a trail cut short")
    func truncationFound() throws {
        let key = try Self.newKey()
        let daemon = try RunningDaemon(config: "audit:\n  key_file: \(key.path)\n")
        for (name, code) in [("A", "91370200163562681G"), ("B", "91110000802100433B")] {
            #expect(try daemon.parkctl(["tenant", "add", "--name", name, "--credit-code", code]).status == 0)
        }
        // At shutdown parkd notes the head: entry 2.
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit() == 0)
        #expect(daemon.log.contains("audit trail head: entry 2 hash"), "\(daemon.log)")
        let anchors = daemon.directory + "/anchors"
        try daemon.log.write(toFile: anchors, atomically: true, encoding: .utf8)

        _ = try runCommand("/usr/bin/sqlite3", [daemon.databasePath, "DELETE FROM auditEntry WHERE id = 2"])
        let restarted = try daemon.restarted()
        let plain = try restarted.parkctl(["audit", "verify"])
        #expect(plain.status == 0, "the chain left is whole: only the anchor finds the cut")
        let checked = try restarted.parkctl(["audit", "verify", "--anchors", anchors])
        #expect(checked.status == 1)
        #expect(checked.stdout == "audit trail BROKEN at entry 2: entry 2, noted earlier, is gone: the trail was cut short after entry 1\n")
        // The notes read from a pipe, as `journalctl … | parkctl audit verify --anchors /dev/stdin` gives them.
        let piped = try runCommand("/bin/sh", ["-c", "cat \"$0\" | PARKD_SOCKET=\"$1\" \"$2\" audit verify --anchors /dev/stdin", anchors, restarted.socketPath, Binaries.parkctl])
        #expect(piped.status == 1 && piped.stdout == checked.stdout, "\(piped.stdout)\(piped.stderr)")
        let directory = try restarted.parkctl(["audit", "verify", "--anchors", restarted.directory])
        #expect(directory.status == 66 && directory.stderr == "parkctl: cannot read \(restarted.directory): it is a directory\n", "\(directory.stderr)")
        // A file that notes no head (the wrong file) checks nothing, and is refused as such.
        let wrong = restarted.directory + "/parkd.yaml.txt"
        try "socket:\n  mode: \"0660\"\n".write(toFile: wrong, atomically: true, encoding: .utf8)
        let none = try restarted.parkctl(["audit", "verify", "--anchors", wrong])
        #expect(none.status == 65 && none.stderr.hasPrefix("parkctl: \(wrong) notes no head of the trail"), "\(none.stderr)")
    }

    /// A park with tenant A, a backup made then, and tenant B added after it, stopped: the
    /// daemon, the backup, and a file of the anchors its log noted.
    static func backedUpThenChanged(config: String) throws -> (RunningDaemon, BackupAPI.CreateReply, String) {
        let daemon = try RunningDaemon(config: config)
        #expect(try daemon.parkctl(["tenant", "add", "--name", "A", "--credit-code", "91370200163562681G"]).status == 0)
        let backup = try JSONDecoder().decode(BackupAPI.CreateReply.self, from: Data(try daemon.parkctl(["--json", "backup", "now"]).stdout.utf8))
        #expect(try daemon.parkctl(["tenant", "add", "--name", "B", "--credit-code", "91110000802100433B"]).status == 0)
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit() == 0)
        let anchors = daemon.directory + "/anchors"
        try daemon.log.write(toFile: anchors, atomically: true, encoding: .utf8)
        return (daemon, backup, anchors)
    }

    @Test("a restore is taken at its word only when its note is sealed with the audit key: a note written by hand hides no cut, and a genuine restore's anchors are checked against the whole trail it replaced")
    func restoreNotes() throws {
        let key = try Self.newKey()
        var (daemon, backup, anchors) = try Self.backedUpThenChanged(config: "audit:\n  key_file: \(key.path)\n")
        func head(_ path: String) throws -> (id: String, hash: String) {
            let row = try runCommand("/usr/bin/sqlite3", [path, "SELECT id || ' ' || hash FROM auditEntry ORDER BY id DESC LIMIT 1"]).stdout
            let parts = row.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").map(String.init)
            return (parts[0], parts[1])
        }
        let original = daemon.directory + "/original.sqlite"
        #expect(try runCommand("/usr/bin/sqlite3", [daemon.databasePath, ".backup '\(original)'"]).status == 0)
        let noted = try head(original)

        // Someone who can write the state directory but not read the key cuts the trail's end and
        // writes a note claiming a restore, naming the untouched copy as the database kept aside.
        _ = try runCommand("/usr/bin/sqlite3", [daemon.databasePath, "DELETE FROM auditEntry WHERE id = \(noted.id)"])
        let left = try head(daemon.databasePath)
        let forged = #"{"file":"/var/backups/x.sqlite","keptAside":"\#(original)","pid":1,"replacedHead":{"hash":"\#(noted.hash)","id":\#(noted.id)},"restoredAt":"2026-12-01T00:00:00.000Z","restoredHead":{"hash":"\#(left.hash)","id":\#(left.id)},"uid":1000,"user":"alice"}"#
        try forged.write(toFile: daemon.directory + "/restored.json", atomically: true, encoding: .utf8)
        daemon = try daemon.restarted()
        let claim = try JSONDecoder().decode(AuditAPI.ListReply.self, from: Data(
            try daemon.parkctl(["--json", "audit", "list", "--method", "Service.Restore"]).stdout.utf8)).entries
        #expect(claim.count == 1 && claim[0].outcome.hasPrefix("unverified: the note was not sealed with the audit key"), "\(claim)")
        // Recorded by parkd, with whom the note names as its claim.
        #expect(claim[0].user == "parkd" && claim[0].parameters.canonicalText.contains(#""claimedBy":{"pid":1,"uid":1000,"user":"alice"}"#), "\(claim)")
        let cut = try daemon.parkctl(["audit", "verify", "--anchors", anchors])
        // (The claim took the cut entry's number: the anchor finds another hash there.)
        #expect(cut.stdout == "audit trail BROKEN at entry \(noted.id): entry \(noted.id) no longer has the hash noted earlier: the chain was rewritten; "
            + "the restore recorded at entry \(claim[0].id) is a claim not sealed with the audit key, which no anchor is checked against\n", "\(cut.stdout)")
        #expect(!FileManager.default.fileExists(atPath: daemon.directory + "/restored.json"))

        // A genuine restore, by the command with the service's key, is sealed and taken at its
        // word: the anchors of the trail it replaced hold in the database kept aside, whole.
        daemon.stop()
        try FileManager.default.removeItem(atPath: daemon.databasePath)
        #expect(try runCommand("/usr/bin/sqlite3", [original, ".backup '\(daemon.databasePath)'"]).status == 0)
        let restored = try runCommand(Binaries.parkd, [
            "--config", daemon.configPath, "--state-dir", daemon.directory, "--restore", backup.backup.path, "--discard-newer",
        ])
        #expect(restored.status == 0 && restored.stderr.hasPrefix("parkd: undone, as --discard-newer asked: "), "\(restored.stderr)")
        daemon = try daemon.restarted()
        let entries = try JSONDecoder().decode(AuditAPI.ListReply.self, from: Data(
            try daemon.parkctl(["--json", "audit", "list", "--method", "Service.Restore"]).stdout.utf8)).entries
        // (The trail is the backup's, and the claim was not in it.)
        #expect(entries.count == 1 && entries[0].outcome == "ok" && entries[0].uid == Int64(getuid()), "\(entries)")
        let checked = try daemon.parkctl(["audit", "verify", "--anchors", anchors])
        #expect(checked.status == 0 && checked.stdout.contains("noted before a restore, and match"), "\(checked.stdout)")
        // The database kept aside is checked whole: an entry of it edited fails the anchors.
        let aside = try #require(try FileManager.default.contentsOfDirectory(atPath: daemon.directory).first { $0.hasPrefix("parkd.sqlite.replaced-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") })
        try FileManager.default.copyItem(atPath: daemon.directory + "/" + aside, toPath: daemon.directory + "/aside-copy")
        _ = try runCommand("/usr/bin/sqlite3", [daemon.directory + "/" + aside, "UPDATE auditEntry SET user = 'mallory' WHERE id = 1"])
        let edited = try daemon.parkctl(["audit", "verify", "--anchors", anchors])
        #expect(edited.status == 1 && edited.stdout.contains("kept aside (\(daemon.directory)/\(aside)) fails at entry 1"), "\(edited.stdout)")
        try FileManager.default.removeItem(atPath: daemon.directory + "/" + aside)
        try FileManager.default.moveItem(atPath: daemon.directory + "/aside-copy", toPath: daemon.directory + "/" + aside)

        // Restored a second time, the anchors of the first trail are found through the second
        // trail's own restore entry, in the database the first restore kept aside.
        daemon.stop()
        #expect(try runCommand(Binaries.parkd, ["--config", daemon.configPath, "--state-dir", daemon.directory, "--restore", backup.backup.path]).status == 0)
        daemon = try daemon.restarted()
        let twice = try daemon.parkctl(["audit", "verify", "--anchors", anchors])
        #expect(twice.status == 0 && twice.stdout.contains("noted before a restore, and match"), "\(twice.stdout)")
    }

    @Test("a park restored before it had a key keeps its anchors once given one; a restore given a relative state directory names the database it kept aside absolutely")
    func restoreBeforeTheKey() throws {
        var (daemon, backup, anchors) = try Self.backedUpThenChanged(config: "")
        let parent = (daemon.directory as NSString).deletingLastPathComponent, name = (daemon.directory as NSString).lastPathComponent
        let restored = try runCommand("/bin/sh", ["-c", "cd '\(parent)' && '\(Binaries.parkd)' --state-dir '\(name)' --restore '\(backup.backup.path)' --discard-newer"])
        #expect(restored.status == 0, "\(restored.stderr)")
        daemon = try daemon.restarted()
        let entry = try #require(try JSONDecoder().decode(AuditAPI.ListReply.self, from: Data(
            try daemon.parkctl(["--json", "audit", "list", "--method", "Service.Restore"]).stdout.utf8)).entries.first)
        #expect(entry.parameters.canonicalText.contains(#""keptAside":"\#(daemon.directory)/parkd.sqlite.replaced-"#), "\(entry)")
        // The key comes after: the trail is sealed from the next start, and the anchors of the
        // trail replaced before it hold still.
        let key = try Self.newKey()
        try "audit:\n  key_file: \(key.path)\n".write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
        daemon = try daemon.restarted()
        let checked = try daemon.parkctl(["audit", "verify", "--anchors", anchors])
        #expect(checked.status == 0 && checked.stdout.contains("noted before a restore, and match"), "\(checked.stdout)")
    }
}
