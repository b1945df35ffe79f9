import Foundation
import Testing

@Suite("parkctl against a real parkd")
struct ParkctlTests {
    static let code1 = "91370200163562681G"
    static let code2 = "91370200718022626N"

    @Test("readiness is announced once the socket answers, with a status line")
    func readiness() throws {
        let daemon = try RunningDaemon()
        let ready = try #require(daemon.notify.messages.first { $0.contains("READY=1") })
        #expect(ready.contains("STATUS=Serving on \(daemon.socketPath)"))
        let status = try daemon.parkctl(["status"])
        #expect(status.status == 0)
        #expect(status.stdout.contains("State directory: \(daemon.directory)"))
        #expect(status.stdout.contains("Configuration:   \(daemon.configPath)"))
        #expect(status.stdout.contains("Tenants:         0"))
    }

    @Test("a tenant is added, listed, shown, edited and moved through its lifecycle")
    func tenantLifecycle() throws {
        let daemon = try RunningDaemon()
        let added = try daemon.parkctl([
            "tenant", "add", "--name", "青岛英才人力资源有限公司", "--credit-code", Self.code1,
            "--business-line", "dispatch", "--business-line", "recruitment", "--origin", "external",
            "--tag", "china-top-500", "--on", "2021-03-01",
        ])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "1\n")
        let second = try daemon.parkctl(["--json", "tenant", "add", "--name", "Jiaozhou Talent", "--credit-code", Self.code2])
        let json = try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any]
        #expect(json?["id"] as? Int == 2)
        #expect(json?["creditCode"] as? String == Self.code2)
        #expect(json?["status"] as? String == "applicant")

        for (status, day) in [("reviewing", "2021-03-05"), ("approved", "2021-03-20"), ("active", "2021-04-01")] {
            let moved = try daemon.parkctl(["tenant", "transition", Self.code1, status, "--on", day, "--reason", "入驻评审会 \(status)"])
            #expect(moved.status == 0, "\(moved.stderr)")
        }
        let shown = try daemon.parkctl(["tenant", "show", "1"])
        #expect(shown.stdout.contains("Status:             active since 2021-04-01"))
        #expect(shown.stdout.contains("2021-03-20  reviewing  approved   入驻评审会 approved   root"))

        let edited = try daemon.parkctl(["tenant", "set", "1", "--contact-phone", "0532-8000 1234", "--add-tag", "headquarters"])
        #expect(edited.status == 0)
        #expect(edited.stdout.contains("Tags:               china-top-500, headquarters"))
        // The same edit again changes nothing, so nothing is written: the last change keeps its time.
        func updatedAt() throws -> String? {
            let shown = try JSONSerialization.jsonObject(with: Data(try daemon.parkctl(["--json", "tenant", "show", "1"]).stdout.utf8)) as? [String: Any]
            return shown?["updatedAt"] as? String
        }
        let changedAt = try updatedAt()
        #expect(try daemon.parkctl(["tenant", "set", "1", "--contact-phone", "0532-8000 1234", "--add-tag", "headquarters"]).status == 0)
        #expect(try updatedAt() == changedAt && changedAt != nil)

        let list = try daemon.parkctl(["tenant", "list"])
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        // Columns line up in terminal cells although the first name is Chinese (two cells a character).
        let codeColumn = lines.map { line in line.range(of: "CREDIT CODE").map { DisplayCells.count(String(line[..<$0.lowerBound])) } }
        #expect(codeColumn[0] != nil)
        let rowColumns = lines.dropFirst().map { line in
            [Self.code1, Self.code2].compactMap { code in line.range(of: code).map { DisplayCells.count(String(line[..<$0.lowerBound])) } }.first
        }
        #expect(rowColumns.allSatisfy { $0 == codeColumn[0] }, "\(list.stdout)")

        let active = try daemon.parkctl(["--json", "tenant", "list", "--status", "active"])
        let page = try JSONSerialization.jsonObject(with: Data(active.stdout.utf8)) as? [String: Any]
        #expect((page?["tenants"] as? [[String: Any]])?.map { $0["id"] as? Int } == [1])
        let paged = try daemon.parkctl(["tenant", "list", "--limit", "1"])
        #expect(paged.stdout.hasSuffix("\nmore: parkctl tenant list --limit 1 --after 1\n"), "\(paged.stdout)")
        // The next page keeps the filters it was asked with.
        #expect(try daemon.parkctl(["tenant", "add", "--name", "申请企业", "--credit-code", "91370200MA3C1234XQ"]).status == 0)
        let filtered = try daemon.parkctl(["tenant", "list", "--status", "applicant", "--limit", "1"])
        #expect(filtered.stdout.hasSuffix("\nmore: parkctl tenant list --status applicant --limit 1 --after 2\n"), "\(filtered.stdout)")
        let next = try daemon.parkctl(["tenant", "list", "--status", "applicant", "--limit", "1", "--after", "2"])
        #expect(next.stdout.contains("91370200MA3C1234XQ") && !next.stdout.contains("more:"), "\(next.stdout)")
    }

    @Test("exit status tells the kind of failure", arguments: [
        (["tenant", "add", "--name", "X", "--credit-code", "91370200163562681X"], Int32(65), "invalid --credit-code (creditCode): check character is 'X' but the first 17 characters require 'G'"),
        (["tenant", "show", "404"], Int32(66), "no tenant has id or credit code '404'"),
        (["lease", "list", "--tenant=-1"], Int32(66), "no tenant has id or credit code '-1'"),
        (["event", "list", "--from", "2027-05-02", "--to", "2027-05-01"], Int32(65), "invalid --from (from): 2027-05-02 is after 2027-05-01"),
        (["event", "export", "--ics", "--from", "2027-05-02", "--to", "2027-05-01"], Int32(65), "invalid --from (from): 2027-05-02 is after 2027-05-01"),
        (["report", "list", "--from", "2021-12", "--to", "2021-01"], Int32(65), "invalid --from (from): 2021-12 is after 2021-01"),
        (["tenant", "transition", "1", "active", "--reason", "skip"], Int32(65), "a tenant that is applicant cannot become active; allowed: reviewing, rejected"),
        (["tenant", "add", "--name", "X"], Int32(64), "Missing expected argument '--credit-code <credit-code>'"),
        (["tenant", "list", "--status", "asleep"], Int32(65), "invalid --status (status): 'asleep' is not a status"),
        (["tenant", "add", "--name", "Dup", "--credit-code", Self.code1], Int32(65), "credit code \(Self.code1) already belongs to tenant 1"),
    ])
    func exitStatus(_ arguments: [String], _ expected: Int32, _ message: String) throws {
        let daemon = try RunningDaemon()
        _ = try daemon.parkctl(["tenant", "add", "--name", "First", "--credit-code", Self.code1])
        let result = try daemon.parkctl(arguments)
        #expect(result.status == expected)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("what parkd sends back cannot drive the administrator's terminal")
    func controlCharacters() throws {
        let daemon = try RunningDaemon()
        // A title-setting escape sequence and a bell in a firm's name: refused, and the
        // refusal does not carry them to the terminal either.
        let added = try daemon.parkctl(["tenant", "add", "--name", "\u{1B}]0;owned\u{07}红星人力", "--credit-code", Self.code1])
        #expect(added.status == 65)
        #expect(added.stderr.contains("invalid --name (name): contains a control character"), "\(added.stderr)")
        // An error quoting what was typed: the escape is shown, not obeyed.
        let refused = try daemon.parkctl(["tenant", "list", "--status", "\u{1B}[2J"])
        #expect(refused.status == 65)
        #expect(!refused.stderr.contains("\u{1B}"))
        #expect(refused.stderr.contains("'\u{FFFD}[2J' is not a status"), "\(refused.stderr)")
        // Line breaks in a message stay line breaks.
        let multiLine = try daemon.parkctl(["tenant", "list", "--status", "a\nb"])
        #expect(multiLine.stderr.contains("'a\nb' is not a status"), "\(multiLine.stderr)")
    }

    @Test("a socket nobody listens on is 'unreachable' (69)")
    func unreachable() throws {
        let result = try runCommand(Binaries.parkctl, ["--socket", "/tmp/parkd-no-such.sock", "status"])
        #expect(result.status == 69)
        #expect(result.stderr.contains("cannot reach parkd at /tmp/parkd-no-such.sock"))
        #expect(result.stderr.hasSuffix("(is parkd running? name the socket it serves on with --socket or PARKD_SOCKET)\n"), "\(result.stderr)")
    }

    @Test("a connection lost after the request was sent is not 'unreachable': the request may have been carried out (70)")
    func lostMidCall() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lost-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A server that takes the call whole, then goes away without an answer, as a parkd killed mid-call.
        let server = try SpawnedProcess("/usr/bin/python3", ["-c", """
            import socket, sys
            s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1)
            c, _ = s.accept(); data = b""
            while not data.endswith(b"\\0"): data += c.recv(4096)
            c.close()
            """, directory + "/lost.sock"])
        for _ in 0..<250 where !FileManager.default.fileExists(atPath: directory + "/lost.sock") { usleep(20_000) }
        let result = try runCommand(Binaries.parkctl, ["--socket", directory + "/lost.sock", "tenant", "add", "--name", "A", "--credit-code", Self.code1])
        #expect(result.status == 70, "\(result.stderr)")
        #expect(result.stderr == "parkctl: connection to parkd lost: parkd closed the connection; the request had been sent and may have been carried out: "
                + "`parkctl audit list --limit 5` shows what parkd did\n", "\(result.stderr)")
        #expect(server.wait() == 0)
    }

    @Test("the audit trail records who changed what, and verify detects an edit made in the database")
    func auditTrail() throws {
        let daemon = try RunningDaemon()
        _ = try daemon.parkctl(["tenant", "add", "--name", "A", "--credit-code", Self.code1])
        _ = try daemon.parkctl(["tenant", "add", "--name", "B", "--credit-code", Self.code2])
        _ = try daemon.parkctl(["tenant", "transition", "2", "reviewing", "--reason", "ok"])
        let list = try daemon.parkctl(["audit", "list", "--method", "Tenant.Create"])
        #expect(list.stdout.split(separator: "\n").count == 3)
        #expect(list.stdout.contains("root"))
        let verified = try daemon.parkctl(["audit", "verify"])
        #expect(verified.status == 0)
        #expect(verified.stdout.hasPrefix("audit trail intact: 3 entries, head hash "))

        let edit = try runCommand("/usr/bin/sqlite3", [daemon.databasePath, "UPDATE auditEntry SET user = 'mallory' WHERE id = 2"])
        #expect(edit.status == 0, "\(edit.stderr)")
        let broken = try daemon.parkctl(["audit", "verify"])
        #expect(broken.status == 1)
        #expect(broken.stdout == "audit trail BROKEN at entry 2: entry 2 was altered: its content no longer matches its hash\n")
        let json = try daemon.parkctl(["--json", "audit", "verify"])
        #expect(json.stdout.contains("\"firstBadEntry\" : 2"))
    }
}

/// Terminal cells, as a person sees the table (East Asian wide characters take two).
enum DisplayCells {
    static func count(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            total + ((0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFF00...0xFF60).contains(scalar.value) ? 2 : 1)
        }
    }
}
