import Foundation
import ParkCore
import Synchronization
import Testing

@Suite("Tenants' submissions through the spool of a real parkd")
struct SubmissionSpoolTests {
    @Test("an accepted file, resent under another name, gets the same receipt and changes nothing; its id with other bytes is refused as reused")
    func resendAndReuse() throws {
        let park = try SpoolPark(tenants: 1)
        let code = park.tenants[0].code
        let first = try park.file(tenant: 0, id: "2027-01-report", payload: SpoolPark.report("2027-01"))
        try park.drop(first, name: "a.json")
        #expect(park.wait { park.receipt(code, "2027-01-report.json") != nil }, "\(park.daemon.log)")
        let receipt = try #require(park.receipt(code, "2027-01-report.json"))
        #expect(receipt.contains(#""status":"accepted","result":{"report":{"month":"2027-01","version":1},"changes":[]}"#))
        #expect(park.wait { park.names("archive").count == 1 && park.names("incoming/new").isEmpty })
        let receiptBytes = FileManager.default.contents(atPath: park.spool + "/outbox/\(code)/2027-01-report.json")

        // Given the same bytes again, under another file name: the first receipt, no change.
        try park.drop(first, name: "b.json")
        #expect(park.wait { park.names("archive").count == 2 && park.names("incoming/new").isEmpty })
        #expect(FileManager.default.contents(atPath: park.spool + "/outbox/\(code)/2027-01-report.json") == receiptBytes)
        #expect(try park.sql("SELECT COUNT(*) FROM operatingReport") == [["1"]])
        #expect(try park.sql("SELECT COUNT(*) FROM submission") == [["1"]])

        // Given the same id with other figures: refused, set aside, the report unchanged.
        try park.drop(try park.file(tenant: 0, id: "2027-01-report", payload: SpoolPark.report("2027-01", revenue: "1.00")), name: "c.json")
        #expect(park.wait { park.names("quarantine").count == 2 })
        let refusal = try #require(park.names("outbox/\(code)").first { $0.hasPrefix("2027-01-report.refused-") })
        #expect(park.receipt(code, refusal)?.contains(#""status":"refused","errors":[{"path":"$.submissionId","reason":"submission id reused"#) == true)
        let reason = try String(contentsOfFile: park.spool + "/quarantine/" + park.names("quarantine").first { $0.hasSuffix(".reason") }!, encoding: .utf8)
        #expect(reason.hasPrefix("submission id reused: it was first received with other bytes"))
        #expect(try park.sql("SELECT version, revenueFen FROM operatingReport").count == 1)
        #expect(park.receipt(code, "2027-01-report.json") == receipt)

        let listed = try park.daemon.parkctl(["submission", "list", "--tenant", code])
        #expect(listed.stdout.contains("2027-01-report  monthly-report  spool    accepted"), "\(listed.stdout)\(listed.stderr)")
        let stats = try park.daemon.parkctl(["submission", "stats"])
        #expect(stats.stdout.contains("received since start:     3") && stats.stdout.contains("quarantined since start:  1"), "\(stats.stdout)")
        // Every submission is in the audit trail, which still verifies.
        #expect(try park.daemon.parkctl(["audit", "verify"]).status == 0)
        #expect(try park.sql("SELECT COUNT(*) FROM auditEntry WHERE method = 'io.parkd.Submission.Intake'") == [["3"]])
        #expect(try park.sql("SELECT outcome FROM auditEntry WHERE method = 'io.parkd.Submission.Intake' ORDER BY id LIMIT 2").map { $0[0] }
            == ["ok", "ok: the same bytes again, answered with their first receipt; nothing changed"])
        // A machine without the uploader group hears of it at start: only root and parkd upload.
        let missing = "group parkd-intake (intake.uploader_group) does not exist: only root and parkd's own user may upload"
        #expect(park.daemon.log.contains(missing) == (getgrnam("parkd-intake") == nil), "\(park.daemon.log)")
        // And an auditor lists the spool's entries alone.
        let intake = try park.daemon.parkctl(["--json", "audit", "list", "--method", "Submission.Intake"])
        #expect(intake.status == 0 && intake.stdout.components(separatedBy: "\"io.parkd.Submission.Intake\"").count == 4, "\(intake.stdout)\(intake.stderr)")

        // Temporary receipts a killed parkd left in an outbox (never renamed, so never receipts)
        // go once a minute old; a younger one waits for the sweep a minute on.
        park.daemon.stop()
        let outbox = park.spool + "/outbox/\(code)/"
        for name in [".old.json.1.tmp", ".young.json.1.tmp"] { try Data("{}".utf8).write(to: URL(fileURLWithPath: outbox + name)) }
        #expect(try runCommand("/usr/bin/touch", ["-d", "2 minutes ago", outbox + ".old.json.1.tmp"]).status == 0)
        park.daemon = try park.daemon.restarted()
        #expect(park.wait { !FileManager.default.fileExists(atPath: outbox + ".old.json.1.tmp") })
        #expect(FileManager.default.fileExists(atPath: outbox + ".young.json.1.tmp"))
    }

    @Test("a rejected report lists every error with its path, and is recorded: a resend gets the same rejection")
    func rejected() throws {
        let park = try SpoolPark(tenants: 1)
        let code = park.tenants[0].code
        try park.drop(try park.file(tenant: 0, id: "bad", payload: #"{"month":"2027-03","revenue":"x","placements":-1}"#), name: "bad.json")
        #expect(park.wait { park.receipt(code, "bad.json") != nil })
        let receipt = try #require(park.receipt(code, "bad.json"))
        #expect(receipt.contains(#""status":"rejected","errors":[{"path":"$.payload.revenue","#), "\(receipt)")
        #expect(receipt.contains(#""path":"$.payload.tax","reason":"missing; a first report gives revenue and tax"}"#))
        // The month has not ended on parkd's clock (2027-02-10): the operation's own rule.
        try park.drop(try park.file(tenant: 0, id: "early", payload: SpoolPark.report("2027-02")), name: "early.json")
        #expect(park.wait { park.receipt(code, "early.json") != nil })
        #expect(park.receipt(code, "early.json")?.contains(#""errors":[{"path":"$.payload.month","reason":"2027-02 has not ended"#) == true)
        #expect(try park.sql("SELECT COUNT(*) FROM operatingReport") == [["0"]])
        #expect(try park.sql("SELECT submissionId, status FROM submission ORDER BY id") == [["bad", "rejected"], ["early", "rejected"]])
        // The audit trail says so too, with the receipt's first reasons.
        let outcomes = try park.sql("SELECT outcome FROM auditEntry WHERE method = 'io.parkd.Submission.Intake' ORDER BY id").map { $0[0] }
        #expect(outcomes.count == 2 && outcomes.allSatisfy { $0.hasPrefix("rejected: $.payload.") }, "\(outcomes)")
        #expect(outcomes.last == "rejected: $.payload.month: 2027-02 has not ended (today is 2027-02-10); a month is reported once it is over", "\(outcomes)")
        // Resent, the same bytes get the same rejection, and the trail says it was a rejection answered again.
        let archived = park.names("archive").count
        try park.drop(try park.file(tenant: 0, id: "bad", payload: #"{"month":"2027-03","revenue":"x","placements":-1}"#), name: "bad-again.json")
        #expect(park.wait { park.names("archive").count == archived + 1 && park.names("incoming/new").isEmpty })
        #expect(park.receipt(code, "bad.json") == receipt)
        let replayed = try park.sql("SELECT outcome FROM auditEntry WHERE method = 'io.parkd.Submission.Intake' ORDER BY id").map { $0[0] }
        #expect(replayed.count == 3 && replayed.last == "rejected: the same bytes again, answered with their first receipt; nothing changed", "\(replayed)")
        #expect(try park.sql("SELECT COUNT(*) FROM submission") == [["2"]])
    }

    @Test("a symbolic link, a FIFO, a hard link and another user's file in new/ are set aside unread; tmp/ is left alone until its files are old")
    func notAFileOfItsOwn() throws {
        let park = try SpoolPark(tenants: 1)
        let code = park.tenants[0].code
        let good = try park.file(tenant: 0, id: "linked", payload: SpoolPark.report("2027-01"))
        let outside = park.daemon.directory + "/outside.json"
        try Data(good).write(to: URL(fileURLWithPath: outside))
        #expect(symlink(outside, park.spool + "/incoming/new/symlink.json") == 0)
        #expect(mkfifo(park.spool + "/incoming/new/fifo.json", 0o600) == 0)
        try Data(good).write(to: URL(fileURLWithPath: park.spool + "/incoming/tmp/twice.json"))
        #expect(link(park.spool + "/incoming/tmp/twice.json", park.spool + "/incoming/new/twice.json") == 0)
        try Data(good).write(to: URL(fileURLWithPath: park.spool + "/incoming/tmp/stranger.json"))
        #expect(chown(park.spool + "/incoming/tmp/stranger.json", 4242, 4242) == 0)
        #expect(rename(park.spool + "/incoming/tmp/stranger.json", park.spool + "/incoming/new/stranger.json") == 0)
        // Half-written, and an upload abandoned two days ago.
        try Data(good.prefix(40)).write(to: URL(fileURLWithPath: park.spool + "/incoming/tmp/half.json"))
        try Data(good.prefix(20)).write(to: URL(fileURLWithPath: park.spool + "/incoming/tmp/abandoned.json"))
        #expect(try runCommand("/usr/bin/touch", ["-d", "2 days ago", park.spool + "/incoming/tmp/abandoned.json"]).status == 0)
        // Directories left as long: an empty one goes, one holding a file stays.
        for name in ["emptied", "holding"] {
            #expect(mkdir(park.spool + "/incoming/tmp/" + name, 0o700) == 0)
        }
        #expect(FileManager.default.createFile(atPath: park.spool + "/incoming/tmp/holding/part", contents: Data("x".utf8)))
        for name in ["emptied", "holding"] {
            #expect(try runCommand("/usr/bin/touch", ["-d", "2 days ago", park.spool + "/incoming/tmp/" + name]).status == 0)
        }

        #expect(park.wait { park.names("quarantine").count == 8 }, "\(park.names("quarantine")) \(park.daemon.log)")
        var reasons: [String: String] = [:]
        for name in park.names("quarantine") where name.hasSuffix(".reason") {
            reasons[String(name.dropLast(".reason".count))] = try String(contentsOfFile: park.spool + "/quarantine/" + name, encoding: .utf8)
        }
        #expect(reasons == [
            "fifo.json": "refused: the entry is a FIFO\n",
            "stranger.json": "refused: the entry belongs to uid 4242, who is not an uploader\n",
            "symlink.json": "refused: the entry is a symbolic link\n",
            "twice.json": "refused: the entry has 2 hard links; a submission is a file of its own\n",
        ])
        #expect(park.wait { !park.names("incoming/tmp").contains("abandoned.json") && !park.names("incoming/tmp").contains("emptied") })
        #expect(park.names("incoming/tmp") == ["half.json", "holding", "twice.json"])
        #expect(park.names("outbox/\(code)").isEmpty && park.names("incoming/new").isEmpty)
        #expect(try park.sql("SELECT COUNT(*) FROM submission") == [["0"]])
        // The link's target was never touched.
        #expect(FileManager.default.contents(atPath: outside) == Data(good))
    }

    @Test("a name too long to keep with a prefix, a name that is not UTF-8 and a keyId that is no key id are each dealt with, none holding up the others")
    func oddNames() throws {
        let park = try SpoolPark(tenants: 1)
        let code = park.tenants[0].code
        // 250 bytes: archived under a shortened name, not left in new/ to hold up every scan.
        let long = String(repeating: "a", count: 245) + ".json"
        try park.drop(try park.file(tenant: 0, id: "long", payload: SpoolPark.report("2027-01")), name: long)
        // A name that is not UTF-8, renamed into new/ as its bytes.
        try Data(try park.file(tenant: 0, id: "bytes", payload: SpoolPark.report("2027-02"))).write(to: URL(fileURLWithPath: park.spool + "/incoming/tmp/bytes.json"))
        let rawName = Array((park.spool + "/incoming/new/bad").utf8) + [0xFF, 0xFE] + Array(".json".utf8) + [0]
        #expect(rawName.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { rename(park.spool + "/incoming/tmp/bytes.json", $0.baseAddress!) } } == 0)
        // A keyId that is text of the sender's choosing: the reason does not repeat it.
        let injected = #"ZZ\nsubmission accepted: all fine"#
        let envelope = SpoolPark.envelope(code: code, id: "injected", keyId: injected, payload: SpoolPark.report("2027-03"))
        try park.drop(SubmissionFile(envelopeBytes: envelope, signature: try park.tenants[0].key.sign(envelope)).bytes, name: "injected.json")
        try park.drop(try park.file(tenant: 0, id: "after", payload: SpoolPark.report("2027-04")), name: "after.json")

        #expect(park.wait { park.names("incoming/new").isEmpty && park.receipt(code, "after.json") != nil && park.names("quarantine").count == 4 },
                "\(park.names("incoming/new")) \(park.names("quarantine")) \(park.daemon.log)")
        #expect(park.receipt(code, "long.json")?.contains(#""status":"accepted""#) == true)
        let archived = try #require(park.names("archive").first { $0.hasSuffix("~") })
        #expect(archived.utf8.count <= 200 && archived.contains("-aaaa"), "\(archived)")
        let reasons = try park.names("quarantine").filter { $0.hasSuffix(".reason") }.map {
            try String(contentsOfFile: park.spool + "/quarantine/" + $0, encoding: .utf8)
        }
        #expect(reasons.contains("refused: the entry's name is not UTF-8 (10 bytes); name a submission's file after its submission id\n"), "\(reasons)")
        #expect(park.names("quarantine").contains { $0.hasPrefix("name-not-utf8-") })
        #expect(reasons.contains { $0.contains("the envelope's keyId is not a key id (16 hexadecimal digits)") }, "\(reasons)")
        #expect(!reasons.contains { $0.contains("all fine") } && park.names("outbox/\(code)").compactMap { park.receipt(code, $0) }.allSatisfy { !$0.contains("all fine") })
    }

    @Test("a revoked key, another tenant's key, an unknown key and a signature over other bytes are refused with a receipt saying so, unrecorded")
    func unauthentic() throws {
        let park = try SpoolPark(tenants: 2)
        let code = park.tenants[0].code
        let revoked = try park.issueKey(code)
        #expect(try park.daemon.parkctl(["tenant", "key", "revoke", revoked.publicKey.keyId, "--reason", "lost"]).status == 0)
        try park.drop(try park.file(tenant: 0, id: "revoked", payload: SpoolPark.report("2027-01"), key: revoked), name: "1.json")
        try park.drop(try park.file(tenant: 0, id: "others", payload: SpoolPark.report("2027-01"), key: park.tenants[1].key), name: "2.json")
        let unknown = ReceiptKey.generate()
        try park.drop(try park.file(tenant: 0, id: "unknown", payload: SpoolPark.report("2027-01"), key: unknown), name: "3.json")
        let bytes = SpoolPark.envelope(code: code, id: "forged", keyId: park.tenants[0].key.publicKey.keyId, payload: SpoolPark.report("2027-01"))
        let signatureOfOther = try park.tenants[0].key.sign(SpoolPark.envelope(
            code: code, id: "forged", keyId: park.tenants[0].key.publicKey.keyId, payload: SpoolPark.report("2027-01", revenue: "1.00")))
        try park.drop(SubmissionFile(envelopeBytes: bytes, signature: signatureOfOther).bytes, name: "4.json")
        #expect(park.wait { park.names("quarantine").count == 8 }, "\(park.daemon.log)")
        let receipts = park.names("outbox/\(code)")
        #expect(receipts.count == 4 && receipts.allSatisfy { $0.contains(".refused-") })
        let texts = receipts.compactMap { park.receipt(code, $0) }.joined(separator: "\n")
        #expect(texts.contains("key \(revoked.publicKey.keyId) was revoked at"))
        #expect(texts.contains("key \(park.tenants[1].key.publicKey.keyId) is not a key of tenant \(code)"))
        #expect(texts.contains("is on file"))
        #expect(texts.contains("signature of these envelope bytes"))
        #expect(try park.sql("SELECT COUNT(*) FROM submission") == [["0"]] && park.sql("SELECT COUNT(*) FROM operatingReport") == [["0"]])
        // The genuine tenant may still use the ids an unauthentic file named.
        try park.drop(try park.file(tenant: 0, id: "forged", payload: SpoolPark.report("2026-12")), name: "5.json")
        #expect(park.wait { park.receipt(code, "forged.json") != nil })

        // Once the key it needed is on file, a file set aside is requeued and taken.
        #expect(try park.daemon.parkctl(["tenant", "key", "add", code, unknown.publicKey.base64]).status == 0)
        let quarantined = try #require(park.names("quarantine").first { $0.hasSuffix("-3.json") })
        let requeued = try park.daemon.parkctl(["submission", "requeue", quarantined])
        #expect(requeued.stdout == "requeued as \(park.spool)/incoming/new/\(quarantined)\n", "\(requeued.stderr)")
        #expect(park.wait { park.receipt(code, "unknown.json")?.contains(#""status":"accepted""#) == true })
        #expect(!park.names("quarantine").contains(quarantined + ".reason"))
        let missing = try park.daemon.parkctl(["submission", "requeue", "../parkd.sqlite"])
        #expect(missing.status != 0 && missing.stderr.contains("no file '../parkd.sqlite' is in the spool's quarantine"), "\(missing.stderr)")
    }

    @Test("a file whose notification was lost (linked into new/, no IN_MOVED_TO or IN_CLOSE_WRITE) is taken by the rescan")
    func lostNotification() throws {
        let park = try SpoolPark(tenants: 1)
        let code = park.tenants[0].code
        let path = park.spool + "/incoming/tmp/quiet.json"
        try Data(try park.file(tenant: 0, id: "quiet", payload: SpoolPark.report("2027-01"))).write(to: URL(fileURLWithPath: path))
        let scansBefore = try park.daemon.parkctl(["--json", "submission", "stats"]).stdout
        #expect(link(path, park.spool + "/incoming/new/quiet.json") == 0 && unlink(path) == 0)
        #expect(park.wait { park.receipt(code, "quiet.json") != nil }, "\(park.daemon.log)")
        #expect(scansBefore != (try park.daemon.parkctl(["--json", "submission", "stats"]).stdout))
    }

    @Test("submission list --day is a day of the park's: a report taken at 00:30 in Shandong is listed under that day, not the UTC day before")
    func listedByParkDay() throws {
        let park = try SpoolPark(tenants: 1)
        try park.daemon.setClock("2027-02-11T00:30:00+08:00")
        let code = park.tenants[0].code
        try park.drop(try park.file(tenant: 0, id: "night", payload: SpoolPark.report("2027-01")), name: "night.json")
        #expect(park.wait { park.receipt(code, "night.json") != nil }, "\(park.daemon.log)")
        let listed = try park.daemon.parkctl(["submission", "list", "--day", "2027-02-11"]).stdout
        #expect(listed.contains(" night ") && listed.contains("accepted  2027-02-10T16:30:00"), "\(listed)")
        #expect(try park.daemon.parkctl(["submission", "list", "--day", "2027-02-10"]).stdout == "no submissions\n")
    }

    @Test("the kernel's queue of spool events really overflows (more renames than fs.inotify.max_queued_events while parkd is stopped): counted, logged, and every file taken by the scan")
    func queueOverflow() throws {
        // No rescan timer to hide behind: what takes the files is the scan after the overflow.
        let park = try SpoolPark(tenants: 1, rescanSeconds: 3_600)
        let code = park.tenants[0].code
        let queueLimit = try #require(Int((try String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8))
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        // Well past the limit, and only once parkd's every thread has stopped: a watcher thread
        // woken by the first renames could otherwise read a buffer of them before it stops.
        let count = queueLimit + 1_000
        park.daemon.stopAndWait()
        defer { park.daemon.signal(SIGCONT) }
        for number in 0..<count {
            let month = String(format: "%04d-%02d", 2011 + number % 192 / 12, number % 12 + 1)
            try park.drop(try park.file(tenant: 0, id: "r\(number)", payload: SpoolPark.report(month)), name: "r\(number).json")
        }
        park.daemon.signal(SIGCONT)
        #expect(park.wait(timeout: 300) { park.names("incoming/new").isEmpty }, "\(park.daemon.log)")
        #expect(park.daemon.log.contains("the kernel's queue of spool events overflowed"), "\(park.daemon.log)")
        let stats = try park.daemon.parkctl(["submission", "stats"]).stdout
        #expect(stats.contains("queue overflows:          1\n"), "\(stats)")
        #expect(park.names("archive").count == count && park.names("outbox/\(code)").count == count)
        #expect(try park.sql("SELECT COUNT(*), COUNT(DISTINCT submissionId) FROM submission") == [[String(count), String(count)]])
        // The first report of each month is accepted, the later ones are rejected as reported already.
        #expect(try park.sql("SELECT COUNT(*) FROM operatingReport") == [["192"]])
    }

    @Test("a firm with its own uploading accounts reads its outbox alone; other firms' outboxes are the uploader group's; a refusal naming no firm of the park makes no outbox")
    func ownOutbox() throws {
        let accounts = try ReviewerAccounts(count: 3)
        let (own, second, portal) = (accounts.reviewers[0], accounts.reviewers[1], accounts.reviewers[2])
        let park = try SpoolPark(tenants: 3, intake: """
              uploader_group: \(accounts.group)
              tenant_uploaders:
                "\(SpoolPark.creditCode(1))": [\(own.name), \(accounts.outsider.name)]
                "\(SpoolPark.creditCode(2))": [\(second.name)]

            """)
        // As the unit sets it (StateDirectoryMode=0751): uploaders may pass through to the spool.
        #expect(chmod(park.daemon.directory, 0o751) == 0)
        let codes = park.tenants.map(\.code)
        for index in 0..<3 {
            try park.drop(try park.file(tenant: index, id: "r\(index)", payload: SpoolPark.report("2027-01")), name: "r\(index).json")
        }
        // A file for a credit code that is no firm of the park: set aside, and no outbox made for it.
        let stranger = SpoolPark.creditCode(99)
        let strangerKey = ReceiptKey.generate()
        let envelope = SpoolPark.envelope(code: stranger, id: "x", keyId: strangerKey.publicKey.keyId, payload: SpoolPark.report("2027-01"))
        try park.drop(SubmissionFile(envelopeBytes: envelope, signature: try strangerKey.sign(envelope)).bytes, name: "stranger.json")
        // Nor for one signed with a key on file, another firm's.
        let borrowed = SpoolPark.creditCode(98)
        let signedByFirm = SpoolPark.envelope(code: borrowed, id: "y", keyId: park.tenants[0].key.publicKey.keyId, payload: SpoolPark.report("2027-01"))
        try park.drop(SubmissionFile(envelopeBytes: signedByFirm, signature: try park.tenants[0].key.sign(signedByFirm)).bytes, name: "borrowed.json")
        #expect(park.wait { (0..<3).allSatisfy { park.receipt(codes[$0], "r\($0).json") != nil } && park.names("quarantine").count == 4 }, "\(park.daemon.log)")
        #expect(!park.names("outbox").contains(stranger) && !park.names("outbox").contains(borrowed), "\(park.names("outbox"))")
        // An account listed for a firm but outside the uploader group is named at start.
        #expect(park.daemon.log.contains(
            "intake.tenant_uploaders names user '\(accounts.outsider.name)' for \(codes[0]), who is not a member of the uploader group '\(accounts.group)'"),
            "\(park.daemon.log)")

        func read(_ user: ReviewerAccounts.User, _ index: Int) throws -> Bool {
            let path = park.spool + "/outbox/\(codes[index])/r\(index).json"
            let result = try runCommand("/usr/bin/setpriv", ["--reuid=\(user.uid)", "--regid=\(accounts.gid)", "--clear-groups", "/bin/cat", path])
            return result.status == 0 && result.stdout == String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        }
        let readable = try [own, second, portal].map { user in try (0..<3).map { try read(user, $0) } }
        // The firm's own account reads its outbox and the portal's firm's; the portal reads only the latter.
        #expect(readable == [[true, false, true], [false, true, true], [false, false, true]])
        let listing = try runCommand(
            "/usr/bin/setpriv", ["--reuid=\(own.uid)", "--regid=\(accounts.gid)", "--clear-groups", "/bin/ls", park.spool + "/outbox/\(codes[1])"])
        #expect(listing.status != 0 && listing.stderr.contains("Permission denied"), "\(listing.stderr)")
        // Someone outside the uploader group reads no outbox at all.
        let outsider = try runCommand(
            "/usr/bin/setpriv", ["--reuid=\(accounts.outsider.uid)", "--regid=\(accounts.outsider.uid)", "--clear-groups", "/bin/cat",
                park.spool + "/outbox/\(codes[2])/r2.json"])
        #expect(outsider.status != 0)
    }

    @Test("an uploader neither lists the incoming directories nor reads another uploader's file there; parkd takes it")
    func uploadsArePrivate() throws {
        let accounts = try ReviewerAccounts(count: 2)
        let (firm, other) = (accounts.reviewers[0], accounts.reviewers[1])
        let park = try SpoolPark(tenants: 1, intake: "  uploader_group: \(accounts.group)\n")
        // As the unit sets it (StateDirectoryMode=0751): uploaders may pass through to the spool.
        #expect(chmod(park.daemon.directory, 0o751) == 0)
        let source = park.daemon.directory + "/r1.json"
        try Data(try park.file(tenant: 0, id: "r1", payload: SpoolPark.report("2027-01"))).write(to: URL(fileURLWithPath: source))
        #expect(chmod(source, 0o644) == 0)
        func run(_ user: ReviewerAccounts.User, _ command: [String]) throws -> CommandResult {
            try runCommand("/usr/bin/setpriv", ["--reuid=\(user.uid)", "--regid=\(accounts.gid)", "--clear-groups"] + command)
        }
        let temporary = park.spool + "/incoming/tmp/r1.json"
        let copied = try run(firm, ["/bin/cp", source, temporary])
        #expect(copied.status == 0, "\(copied.stderr)")
        for command in [["/bin/cat", temporary], ["/bin/ls", park.spool + "/incoming/tmp"], ["/bin/ls", park.spool + "/incoming/new"]] {
            let refused = try run(other, command)
            #expect(refused.status != 0 && refused.stderr.contains("Permission denied"), "\(command): \(refused.stdout) \(refused.stderr)")
        }
        #expect(try run(firm, ["/bin/cat", temporary]).status == 0, "the uploader reads its own file")
        let moved = try run(firm, ["/bin/mv", temporary, park.spool + "/incoming/new/r1.json"])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(park.wait { park.receipt(park.tenants[0].code, "r1.json") != nil }, "\(park.daemon.log)")
        #expect(try park.sql("SELECT submissionId, status FROM submission") == [["r1", "accepted"]])
    }

    @Test("parkd, not root, cannot move an uploader's directory out of incoming/new: an empty one is removed, a filled one stays, and no scan leaves a reason behind")
    func uploadersDirectories() throws {
        let accounts = try ReviewerAccounts(count: 2)
        let (service, uploader) = (accounts.reviewers[0], accounts.reviewers[1])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-nonroot-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory + "/state", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(chmod(directory, 0o755) == 0 && chown(directory + "/state", service.uid, accounts.gid) == 0 && chmod(directory + "/state", 0o751) == 0)
        try "intake:\n  rescan_seconds: 1\n  uploader_group: \(accounts.group)\n".write(toFile: directory + "/parkd.yaml", atomically: true, encoding: .utf8)
        let parkd = Process()
        parkd.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        parkd.arguments = ["--reuid=\(service.uid)", "--regid=\(accounts.gid)", "--clear-groups", Binaries.parkd, "--config", directory + "/parkd.yaml",
                           "--state-dir", directory + "/state", "--socket", directory + "/state/control.sock"]
        parkd.standardOutput = FileHandle.nullDevice
        parkd.standardError = FileHandle.nullDevice
        try parkd.run()
        defer { parkd.terminate(); parkd.waitUntilExit() }
        let spool = directory + "/state/spool"
        func wait(_ condition: () -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(20)
            while !condition() { guard Date() < deadline else { return false }; usleep(50_000) }
            return true
        }
        #expect(wait { FileManager.default.fileExists(atPath: spool + "/incoming/new") && FileManager.default.fileExists(atPath: directory + "/state/control.sock") })
        for name in ["empty", "filled"] {
            #expect(mkdir(spool + "/incoming/new/" + name, 0o755) == 0 && chown(spool + "/incoming/new/" + name, uploader.uid, accounts.gid) == 0)
        }
        #expect(FileManager.default.createFile(atPath: spool + "/incoming/new/filled/x", contents: Data("x".utf8)))
        #expect(chown(spool + "/incoming/new/filled/x", uploader.uid, accounts.gid) == 0)
        #expect(wait { !FileManager.default.fileExists(atPath: spool + "/incoming/new/empty") }, "the empty directory is removed")
        // Three scans more: the filled one stays, and quarantine never holds a reason for it,
        // not even while a scan looks at it.
        let until = Date().addingTimeInterval(3)
        var seen: [String] = []
        while Date() < until, seen.isEmpty {
            seen = (try? FileManager.default.contentsOfDirectory(atPath: spool + "/quarantine")) ?? ["unreadable"]
            usleep(2_000)
        }
        #expect(seen.isEmpty, "\(seen)")
        #expect(FileManager.default.fileExists(atPath: spool + "/incoming/new/filled/x"))
    }

    @Test("the uploader group's membership is read again at every scan: an account taken out of the group is refused without a restart, and taken again once put back")
    func uploaderLeavesTheGroup() throws {
        let accounts = try ReviewerAccounts(count: 1)
        let uploader = accounts.reviewers[0]
        let park = try SpoolPark(tenants: 1, intake: "  uploader_group: \(accounts.group)\n")
        let code = park.tenants[0].code
        func drop(_ id: String) throws {
            let temporary = park.spool + "/incoming/tmp/\(id).json"
            try Data(try park.file(tenant: 0, id: id, payload: SpoolPark.report("2026-0\(id.last!)"))).write(to: URL(fileURLWithPath: temporary))
            #expect(chown(temporary, uploader.uid, accounts.gid) == 0)
            #expect(rename(temporary, park.spool + "/incoming/new/\(id).json") == 0)
        }
        func changeAccount(_ arguments: [String]) throws {
            let result = try runCommand(arguments[0], Array(arguments.dropFirst()))
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        // A member by its primary group: taken.
        try drop("r1")
        #expect(park.wait { park.receipt(code, "r1.json") != nil }, "\(park.daemon.log)")
        // Out of the group (another primary group, not on the member list): set aside unread.
        try changeAccount(["/usr/sbin/usermod", "-g", "users", uploader.name])
        try drop("r2")
        #expect(park.wait { park.names("quarantine").contains("r2.json.reason") }, "\(park.names("quarantine")) \(park.daemon.log)")
        #expect(try String(contentsOfFile: park.spool + "/quarantine/r2.json.reason", encoding: .utf8)
            == "refused: the entry belongs to uid \(uploader.uid), who is not an uploader\n")
        // Back in, on the group's member list: taken again.
        try changeAccount(["/usr/bin/gpasswd", "-a", uploader.name, accounts.group])
        try drop("r3")
        #expect(park.wait { park.receipt(code, "r3.json") != nil }, "\(park.daemon.log)")
        #expect(try park.sql("SELECT submissionId, status FROM submission ORDER BY id") == [["r1", "accepted"], ["r3", "accepted"]])
    }

    @Test("staff enter a paper submission with parkctl submit: same pipeline and receipt, recorded as theirs")
    func staffEntry() throws {
        let park = try SpoolPark(tenants: 1)
        let code = park.tenants[0].code
        let file = park.daemon.directory + "/paper.json"
        try #"{"submissionId":"paper-2027-01","tenant":"\#(code)","type":"monthly-report","createdAt":"2027-02-09T15:00:00+08:00","payload":\#(SpoolPark.report("2027-01"))}"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let entered = try park.daemon.parkctl(["submit", file])
        #expect(entered.status == 0 && entered.stdout.hasPrefix("accepted\nreceipt: {"), "\(entered.stdout)\(entered.stderr)")
        #expect(park.receipt(code, "paper-2027-01.json")?.contains(#""channel":"staff""#) == true)
        let again = try park.daemon.parkctl(["submit", file])
        #expect(again.stdout.hasPrefix("accepted (taken before: the first receipt, nothing changed)"))
        let shown = try park.daemon.parkctl(["submission", "show", code, "paper-2027-01"])
        #expect(shown.stdout.contains("channel:  staff, recorded by root"), "\(shown.stdout)\(shown.stderr)")
        // A receipt the tenant lost is written again from the database.
        let written = try #require(park.receipt(code, "paper-2027-01.json"))
        #expect(unlink(park.spool + "/outbox/\(code)/paper-2027-01.json") == 0)
        #expect(try park.daemon.parkctl(["submission", "retry", "1"]).stdout == "receipt written to \(park.spool)/outbox/\(code)/paper-2027-01.json\n")
        #expect(park.receipt(code, "paper-2027-01.json") == written)
        #expect(try park.sql("SELECT COUNT(*) FROM operatingReport") == [["1"]])
    }

    /// What goes wrong with the outbox's filesystem.
    enum OutboxFault: String, CaseIterable, CustomStringConvertible {
        case full, readOnly
        var description: String { rawValue }
    }

    @Test("a full or read-only filesystem under the outbox: the files wait in new/, retried with a back-off and logged once, then each taken once", arguments: OutboxFault.allCases)
    func outboxFault(_ fault: OutboxFault) throws {
        let park = try SpoolPark(tenants: 1)
        let code = park.tenants[0].code
        let outbox = park.spool + "/outbox"
        #expect(try runCommand("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=64k,mode=2750", "tmpfs", outbox]).status == 0)
        defer {
            park.daemon.stop()
            _ = try? runCommand("/usr/bin/umount", [outbox])
        }
        switch fault {
        case .full: _ = try runCommand("/usr/bin/dd", ["if=/dev/zero", "of=\(outbox)/filler", "bs=4k"])
        case .readOnly: #expect(try runCommand("/usr/bin/mount", ["-o", "remount,ro", outbox]).status == 0)
        }
        for month in 1...3 {
            try park.drop(try park.file(tenant: 0, id: "m\(month)", payload: SpoolPark.report("2026-0\(month)")), name: "m\(month).json")
        }
        // Several attempts fail: the database took each once, the files stay in new/.
        #expect(park.wait { park.daemon.log.contains("the spool cannot be worked through") })
        usleep(2_500_000)
        #expect(park.names("incoming/new").count == 3)
        #expect(try park.sql("SELECT COUNT(*) FROM submission") == [["3"]])
        #expect(park.daemon.log.components(separatedBy: "the spool cannot be worked through").count == 2, "\(park.daemon.log)")
        #expect(park.daemon.log.contains(fault == .full ? "No space left on device" : "Read-only file system"), "\(park.daemon.log)")
        switch fault {
        case .full: unlink(outbox + "/filler")
        case .readOnly: #expect(try runCommand("/usr/bin/mount", ["-o", "remount,rw", outbox]).status == 0)
        }
        #expect(park.wait { park.names("incoming/new").isEmpty }, "\(park.daemon.log)")
        #expect(park.wait { park.daemon.log.contains("the spool is worked through again, after") }, "\(park.daemon.log)")
        for month in 1...3 {
            #expect(park.receipt(code, "m\(month).json")?.contains(#""status":"accepted""#) == true)
        }
        #expect(try park.sql("SELECT COUNT(*), MAX(version) FROM operatingReport") == [["3", "1"]])
        // The failed attempts left no temporary receipt behind.
        let left = ((try? FileManager.default.contentsOfDirectory(atPath: outbox + "/" + code)) ?? []).filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test("an uploader that keeps its file open and writes to it after the drop cannot change what was archived")
    func archivedBytesAreTheOnesRead() throws {
        let park = try SpoolPark(tenants: 1)
        let code = park.tenants[0].code
        let bytes = try park.file(tenant: 0, id: "2027-03-report", payload: SpoolPark.report("2027-03"))
        let temporary = park.spool + "/incoming/tmp/held.json"
        let descriptor = open(temporary, O_RDWR | O_CREAT | O_EXCL, 0o640)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        #expect(bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == bytes.count)
        #expect(rename(temporary, park.spool + "/incoming/new/held.json") == 0)
        #expect(park.wait { park.receipt(code, "2027-03-report.json") != nil && park.names("archive").count == 1 }, "\(park.daemon.log)")

        // The uploader writes other bytes through the descriptor it kept.
        let forged = Array(String(repeating: "x", count: bytes.count).utf8)
        #expect(forged.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) } == forged.count)
        let name = try #require(park.names("archive").first)
        let archived = Array(try Data(contentsOf: URL(fileURLWithPath: park.spool + "/archive/" + name)))
        #expect(ContentHash.sha256(archived) == ContentHash.sha256(bytes), "archive/ holds other bytes than those read")
        #expect(name == String(ContentHash.sha256(bytes).prefix(16)) + "-held.json")
        // The file the uploader holds is in no directory any more; parkd's copy is its own, readable by parkd alone.
        var held = stat()
        #expect(fstat(descriptor, &held) == 0 && held.st_nlink == 0)
        var kept = stat()
        #expect(stat(park.spool + "/archive/" + name, &kept) == 0 && kept.st_mode & 0o777 == 0o600 && kept.st_ino != held.st_ino)
        let left = ((try? FileManager.default.contentsOfDirectory(atPath: park.spool + "/archive")) ?? []).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test("the same file sent twice in one scan gets its one receipt, both copies are archived, and nothing else waits")
    func sameFileTwiceInOneBatch() throws {
        let park = try SpoolPark(tenants: 2)
        park.daemon.stop()
        // Dropped while parkd is down: the scan at start takes them in one batch.
        let report = try park.file(tenant: 0, id: "r1", payload: SpoolPark.report("2026-01"))
        try park.drop(report, name: "r1.json")
        try park.drop(report, name: "r1-retry.json")
        try park.drop(try park.file(tenant: 1, id: "r1", payload: SpoolPark.report("2026-01")), name: "other.json")
        // A temporary receipt a parkd killed mid-write left, an hour old.
        let outbox = park.spool + "/outbox/" + park.tenants[0].code
        let stale = outbox + "/.r0.json.7.tmp"
        #expect(mkdir(outbox, 0o700) == 0)
        #expect(FileManager.default.createFile(atPath: stale, contents: Data("{".utf8)))
        var old = [timespec(tv_sec: time(nil) - 3_600, tv_nsec: 0), timespec(tv_sec: time(nil) - 3_600, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, stale, &old, 0) == 0)
        park.daemon = try park.daemon.restarted()
        #expect(park.wait { park.names("incoming/new").isEmpty }, "\(park.daemon.log)")
        #expect(park.names("archive").count == 3, "\(park.names("archive"))")
        #expect(park.receipt(park.tenants[0].code, "r1.json")?.contains(#""status":"accepted""#) == true)
        #expect(park.receipt(park.tenants[1].code, "r1.json")?.contains(#""status":"accepted""#) == true)
        #expect(try park.sql("SELECT COUNT(*) FROM submission") == [["2"]])
        #expect(!park.daemon.log.contains("cannot be worked through"), "\(park.daemon.log)")
        #expect(!FileManager.default.fileExists(atPath: stale))
        let left = (try FileManager.default.contentsOfDirectory(atPath: outbox)).filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test("files renamed one over another under one name as fast as they come: each file archived is the one read and recorded, and each recorded is archived")
    func renamedOverWhileTaken() throws {
        let park = try SpoolPark(tenants: 1, rescanSeconds: 1)
        let files = try (0..<600).map { try park.file(tenant: 0, id: "u\($0)", payload: SpoolPark.report("2026-01")) }
        for (index, bytes) in files.enumerated() {
            try park.drop(bytes, name: "upload.json")
            if index % 3 == 2 { usleep(2_000) }
        }
        #expect(park.wait(timeout: 60) { park.names("incoming/new").isEmpty }, "\(park.names("incoming/new"))")
        let recorded = Set(try park.sql("SELECT submissionId FROM submission").map { $0[0] })
        #expect(!recorded.isEmpty)
        for name in park.names("archive") {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: park.spool + "/archive/" + name)))
            #expect(name.hasPrefix(String(ContentHash.sha256(bytes).prefix(16)) + "-"), "\(name) holds another file than the one read")
            guard let index = files.firstIndex(of: bytes) else {
                Issue.record("\(name) is none of the files sent")
                continue
            }
            #expect(recorded.contains("u\(index)"), "u\(index) was archived but never recorded")
        }
        // And the converse: a file renamed over the name of one read and answered does not take
        // the copy of the one read out of the archive (a file put back as `upload.json~2` keeps
        // that name).
        let archived = park.names("archive")
        for id in recorded {
            let bytes = try #require(Int(id.dropFirst()).map { files[$0] })
            let kept = String(ContentHash.sha256(bytes).prefix(16)) + "-upload.json"
            #expect(archived.contains { $0 == kept || $0.hasPrefix(kept + "~") }, "\(id) was recorded but not archived")
        }
        // A file whose name starts with a dot is taken too, not left waiting unseen.
        try park.drop(try park.file(tenant: 0, id: "hidden", payload: SpoolPark.report("2026-02")), name: ".hidden.json")
        #expect(park.wait { park.receipt(park.tenants[0].code, "hidden.json") != nil })
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: park.spool + "/incoming/new")) ?? ["?"]).isEmpty)
    }

    @Test("the same submission entered by staff eight times at once: each gets the one receipt, none an internal error")
    func staffEntryAtOnce() throws {
        let park = try SpoolPark(tenants: 1)
        let file = park.daemon.directory + "/paper.json"
        try #"{"submissionId":"paper-1","tenant":"\#(park.tenants[0].code)","type":"monthly-report","createdAt":"2027-02-01T15:00:00+08:00","payload":\#(SpoolPark.report("2027-01"))}"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let results = Mutex<[CommandResult]>([])
        let daemon = park.daemon
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let result = try? daemon.parkctl(["submit", file])
            results.withLock { $0.append(result ?? CommandResult(status: -1, stdout: "", stderr: "parkctl did not run")) }
        }
        let all = results.withLock { $0 }
        #expect(all.allSatisfy { $0.status == 0 && $0.stdout.hasPrefix("accepted") }, "\(all.map { $0.stdout + $0.stderr })")
        #expect(try park.sql("SELECT COUNT(*) FROM submission") == [["1"]])
        #expect(!park.daemon.log.contains("request failed"), "\(park.daemon.log)")
    }

    @Test("kill -9 at random moments, 20 times, over 2,000 files: every file applied exactly once, every receipt as the database says")
    func killLoop() throws {
        let park = try SpoolPark(tenants: 10)
        var expected: [String: String] = [:]  // file name → "code/id"
        for (index, tenant) in park.tenants.enumerated() {
            for number in 0..<200 {
                let month = String(format: "%04d-%02d", 2010 + number / 12, number % 12 + 1)
                let id = "report-" + month
                let name = "\(tenant.code)_\(id).json"
                try park.drop(try park.file(tenant: index, id: id, payload: SpoolPark.report(month, placements: number)), name: name)
                expected[name] = tenant.code + "/" + id
            }
        }
        var generator = SystemRandomNumberGenerator()
        for kill in 1...20 {
            usleep(UInt32.random(in: 20_000...300_000, using: &generator))
            park.daemon.signal(SIGKILL)
            #expect(park.daemon.waitForExit() != nil)
            try check(park, expected: expected, complete: false, after: kill)
            park.daemon = try park.daemon.restarted()
        }
        #expect(park.wait(timeout: 90) { park.names("incoming/new").isEmpty }, "\(park.daemon.log)")
        // The 2,000 recorded are listed a page at a time, each page saying how to ask for the next.
        func ids(_ page: String) -> [String] {
            page.split(separator: "\n").dropFirst().filter { !$0.hasPrefix("more: ") }.map { String($0.split(separator: " ")[0]) }
        }
        let first = try park.daemon.parkctl(["submission", "list", "--limit", "1000"]).stdout
        let more = try #require(first.split(separator: "\n").last { $0.hasPrefix("more: parkctl ") }, "\(first.suffix(300))")
        let second = try park.daemon.parkctl(more.dropFirst("more: parkctl ".count).split(separator: " ").map(String.init)).stdout
        #expect(!second.contains("more: "))
        #expect(ids(first).count == 1000 && Set(ids(first) + ids(second)).count == expected.count, "\(second.suffix(300))")
        park.daemon.stop()
        try check(park, expected: expected, complete: true, after: 21)
    }

    /// The park after a kill: no report applied twice, a recorded submission for every report,
    /// every receipt the same as the database's, every file either waiting or archived with its
    /// submission recorded and its receipt written.
    private func check(_ park: SpoolPark, expected: [String: String], complete: Bool, after kill: Int) throws {
        #expect(try park.sql("SELECT COUNT(*) FROM operatingReport WHERE version > 1") == [["0"]], "after kill \(kill)")
        let recorded = Dictionary(uniqueKeysWithValues: try park.sql(
            "SELECT t.creditCode || '/' || s.submissionId, s.receipt FROM submission s JOIN tenant t ON t.id = s.tenantId").map { ($0[0], $0[1]) })
        #expect(try park.sql("SELECT COUNT(*) FROM operatingReport") == [[String(recorded.count)]], "after kill \(kill)")
        var receipts = 0
        for tenant in park.tenants {
            for name in park.names("outbox/\(tenant.code)") {
                receipts += 1
                let key = tenant.code + "/" + String(name.dropLast(".json".count))
                #expect(park.receipt(tenant.code, name) == recorded[key], "after kill \(kill): \(key)")
            }
        }
        let waiting = park.names("incoming/new")
        let archived = park.names("archive").map { String($0.dropFirst(17)) }
        #expect(waiting.count + archived.count == expected.count && park.names("quarantine").isEmpty, "after kill \(kill)")
        for name in archived {
            let key = try #require(expected[name])
            #expect(recorded[key] != nil, "after kill \(kill): \(name) archived but not recorded")
            let parts = key.split(separator: "/")
            #expect(park.receipt(String(parts[0]), parts[1] + ".json") != nil, "after kill \(kill): \(name) archived without its receipt")
        }
        if complete {
            #expect(recorded.count == expected.count && receipts == expected.count && archived.count == expected.count)
            // The copies a killed parkd had written for files it had not archived yet are gone.
            let copies = ((try? FileManager.default.contentsOfDirectory(atPath: park.spool + "/archive")) ?? []).filter { $0.hasPrefix(".") }
            #expect(copies.isEmpty, "\(copies)")
        }
    }
}
