import Foundation
import Testing

/// The systemd protocols, exercised with systemd's own tools and sockets the tests own
/// (no service manager is started on these machines).
@Suite("parkd under systemd's protocols")
struct SystemdTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The units of Deploy/ with ExecStart pointing at the built binary, in a fresh directory.
    func stagedUnits() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-units-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for name in ["parkd.service", "parkd.socket", "parkd@.service", "parkd@.socket"] {
            let text = try String(contentsOfFile: Self.repository.appendingPathComponent("Deploy/\(name)").path, encoding: .utf8)
            try text.replacingOccurrences(of: "/usr/bin/parkd", with: Binaries.parkd)
                .write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }
        return directory
    }

    @Test("every unit passes systemd-analyze verify without a warning", arguments: [
        ["parkd.service", "parkd.socket"], ["parkd@alpha.service", "parkd@alpha.socket"],
    ])
    func verify(_ units: [String]) throws {
        let directory = try stagedUnits()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        if units[0].contains("@") {
            for (template, instance) in [("parkd@.service", units[0]), ("parkd@.socket", units[1])] {
                try FileManager.default.createSymbolicLink(atPath: directory + "/" + instance, withDestinationPath: directory + "/" + template)
            }
        }
        let result = try runCommand("/usr/bin/systemd-analyze", ["verify", "--man=no"] + units.map { directory + "/" + $0 })
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test("the hardened service's exposure is 1.5 or lower", arguments: ["parkd.service", "parkd@alpha.service"])
    func exposure(_ unit: String) throws {
        let directory = try stagedUnits()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        if unit.contains("@") {
            try FileManager.default.createSymbolicLink(atPath: directory + "/" + unit, withDestinationPath: directory + "/parkd@.service")
        }
        let result = try runCommand("/usr/bin/systemd-analyze", ["security", "--offline=yes", "--threshold=15", directory + "/" + unit])
        #expect(result.status == 0, "\(result.stdout)")
        let overall = try #require(result.stdout.split(separator: "\n").first { $0.contains("Overall exposure level") })
        let score = try #require(Double(overall.split(separator: ":")[1].split(separator: " ")[0]))
        #expect(score <= 1.5, "\(overall)")
    }

    @Test("the system-call filter, applied line by line as a service manager does, leaves parkd the calls it makes: chown (the spool's group), not setrlimit (LimitNOFILE instead)", arguments: ["parkd.service", "parkd@.service"])
    func systemCallFilter(_ unit: String) throws {
        let text = try String(contentsOfFile: Binaries.repository + "/Deploy/" + unit, encoding: .utf8)
        var groups: [String: Set<String>] = [:]
        func expand(_ name: String) throws -> Set<String> {
            guard name.hasPrefix("@") else { return [name] }
            if let known = groups[name] { return known }
            let listed = try runCommand("/usr/bin/systemd-analyze", ["syscall-filter", name])
            var calls: Set<String> = []
            for line in listed.stdout.split(separator: "\n").dropFirst() {
                let item = line.trimmingCharacters(in: .whitespaces)
                guard !item.isEmpty, !item.hasPrefix("#") else { continue }
                calls.formUnion(try expand(item))
            }
            groups[name] = calls
            return calls
        }
        // The first line allows (the default is then to refuse); each later one refuses (~) or gives back.
        var allowed: Set<String> = []
        for line in text.split(separator: "\n") where line.hasPrefix("SystemCallFilter=") {
            let value = line.dropFirst("SystemCallFilter=".count)
            let refuses = value.hasPrefix("~")
            let calls = try value.dropFirst(refuses ? 1 : 0).split(separator: " ").reduce(into: Set<String>()) { $0.formUnion(try expand(String($1))) }
            if refuses { allowed.subtract(calls) } else { allowed.formUnion(calls) }
        }
        #expect(allowed.isSuperset(of: ["chown", "fchownat", "openat", "renameat2", "fsync", "inotify_add_watch", "timerfd_create", "accept4"]), "\(unit)")
        #expect(!allowed.contains("setrlimit") && !allowed.contains("mount") && !allowed.contains("ptrace"), "\(unit)")
        #expect(text.contains("\nLimitNOFILE=65536\n"), "\(unit)")
    }

    @Test("socket activation: a connection to the socket systemd-socket-activate holds starts parkd and is answered")
    func socketActivation() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-activate-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let socketPath = directory + "/control.sock"
        let notify = try NotifySocket(path: directory + "/notify.sock")
        let activator = try SpawnedProcess("/usr/bin/systemd-socket-activate", [
            "-l", socketPath, "--fdname=control", "-E", "NOTIFY_SOCKET=\(notify.path)",
            Binaries.parkd, "--state-dir", directory, "--socket", directory + "/unused.sock",
        ])
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: socketPath) { usleep(20_000) }

        let status = try runCommand(Binaries.parkctl, ["--socket", socketPath, "--json", "status"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("\"socket\" : \"socket activation (fd 3, control)\""))
        #expect(notify.wait(for: "READY=1") != nil)
        #expect(!FileManager.default.fileExists(atPath: directory + "/unused.sock"), "parkd did not bind a socket of its own")
        // systemd-socket-activate execs parkd in its own process: stop it and check that the
        // socket parkd was handed is left in place (it is not parkd's to remove).
        kill(activator.pid, SIGTERM)
        #expect(activator.wait() == 0)
        #expect(FileManager.default.fileExists(atPath: socketPath))
    }

    @Test("socket activation: a socket that is not a listening Unix stream socket is refused before anything is made; sockets beside control are closed, and said")
    func socketActivationChecked() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-activate-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = directory + "/state", log = directory + "/parkd.log"
        let datagram = try SpawnedProcess("/usr/bin/systemd-socket-activate", [
            "--datagram", "-l", directory + "/d.sock", "--fdname=control", Binaries.parkd, "--state-dir", state,
        ], outputTo: log)
        // systemd-socket-activate starts parkd when the first datagram comes.
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: directory + "/d.sock") { usleep(20_000) }
        _ = try runCommand("/usr/bin/env", [
            "python3", "-c", "import socket,sys; socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).sendto(b'x', sys.argv[1])", directory + "/d.sock",
        ])
        #expect(datagram.wait() == 1)
        let said = try String(contentsOfFile: log, encoding: .utf8)
        #expect(said.contains("the socket systemd passed (fd 3, control) is not a listening Unix stream socket"), "\(said)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: state)) ?? [] == [], "nothing made in the state directory")

        let two = try SpawnedProcess("/usr/bin/systemd-socket-activate", [
            "-l", directory + "/a.sock", "-l", directory + "/b.sock", "--fdname=varlink:control", Binaries.parkd, "--state-dir", state,
        ], outputTo: log)
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: directory + "/b.sock") { usleep(20_000) }
        let status = try runCommand(Binaries.parkctl, ["--socket", directory + "/b.sock", "status"])
        #expect(status.status == 0, "\(status.stderr)")
        let other = try runCommand("/usr/bin/timeout", ["5", Binaries.parkctl, "--socket", directory + "/a.sock", "status"])
        #expect(other.status == 69 || (other.status == 70 && other.stderr.contains("connection to parkd lost")),
                "the other socket is closed, not left to hang: \(other.status) \(other.stderr)")
        #expect(try String(contentsOfFile: log, encoding: .utf8).contains("systemd passed sockets beside the one named control; they are closed"))
        kill(two.pid, SIGTERM)
        #expect(two.wait() == 0)
    }

    @Test("watchdog pings come at half the interval and stop while the daemon is frozen")
    func watchdog() throws {
        let daemon = try RunningDaemon(environment: ["WATCHDOG_USEC": "400000"])
        let running = daemon.notify.collect(for: 1.0).filter { $0.contains("WATCHDOG=1") }
        #expect(running.count >= 3, "\(running.count) pings in 1 s at a 0.4 s interval")
        daemon.signal(SIGSTOP)
        usleep(100_000)
        _ = daemon.notify.collect(for: 0.1)
        let frozen = daemon.notify.collect(for: 1.0).filter { $0.contains("WATCHDOG=1") }
        daemon.signal(SIGCONT)
        #expect(frozen.isEmpty, "a frozen daemon must not ping")
        let resumed = daemon.notify.collect(for: 1.0).filter { $0.contains("WATCHDOG=1") }
        #expect(resumed.count >= 2)
    }

    @Test("no watchdog pings when WATCHDOG_PID names another process")
    func watchdogForAnotherProcess() throws {
        let daemon = try RunningDaemon(environment: ["WATCHDOG_USEC": "400000", "WATCHDOG_PID": "1"])
        #expect(daemon.notify.collect(for: 1.0).allSatisfy { !$0.contains("WATCHDOG=1") })
    }

    /// The entries parkd sends a journald stand-in (`journal_harness.py`, in a private mount
    /// namespace): started, a refused call, a log level change, stopped (or, in `cannot-run`
    /// mode, why it cannot run); then its stderr and exit.
    static func journalEntries(_ mode: String) throws -> [[String: String]] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-journal-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try runCommand("/usr/bin/unshare", [
            "--mount", "--propagation", "private", "/usr/bin/env", "python3", Binaries.script("journal_harness.py"),
            Binaries.parkd, Binaries.parkctl, directory, mode,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").compactMap { line in
            try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        }
    }

    @Test("journal entries carry PRIORITY, identifier, code location, MESSAGE_ID and domain fields", arguments: ["config", "stream"])
    func journal(_ mode: String) throws {
        let entries = try Self.journalEntries(mode)
        let started = try #require(entries.first { $0["MESSAGE_ID"] == "8fb127b7c312423abf58ad4c517b9cee" })
        #expect(started["MESSAGE"] == "parkd started")
        #expect(started["PRIORITY"] == "5")
        #expect(started["SYSLOG_IDENTIFIER"] == "parkd")
        #expect(started["CODE_FILE"]?.hasSuffix("Daemon.swift") == true)
        #expect(Int(started["CODE_LINE"] ?? "") != nil)
        #expect(started["CODE_FUNC"]?.isEmpty == false)
        let refused = try #require(entries.first { $0["MESSAGE_ID"] == "e7c0b7cf966b4fb4bf817254ebfc7664" })
        #expect(refused["METHOD"] == "io.parkd.Tenant.List")
        #expect(refused["UID"] == "65534")
        let levelChange = try #require(entries.first { $0["MESSAGE_ID"] == "1ccf224963e74600919fcf06fef06444" })
        #expect(levelChange["LEVEL"] == "debug")
        #expect(entries.contains { $0["MESSAGE_ID"] == "276502f2ed0a4b39a2b38fb5e4baecdb" }, "stopping")
        let last = try #require(entries.last)
        #expect(last["EXIT"] == "0")
        #expect(last["STDERR"] == "", "nothing goes to stderr when the journal takes the entries")
    }

    @Test("a parkd that cannot run says why in a journal entry with its own MESSAGE_ID, and exits 78 for a file that is no database (a restart does not mend it)")
    func cannotRun() throws {
        let entries = try Self.journalEntries("cannot-run")
        let entry = try #require(entries.first { $0["MESSAGE_ID"] == "de0d43894ca2431cb97990afc35b5eea" }, "\(entries)")
        #expect(entry["MESSAGE"] == "parkd cannot run")
        #expect(entry["PRIORITY"] == "2")
        #expect(entry["ERROR"]?.contains("parkd.sqlite: cannot open: file is not a database") == true, "\(entry)")
        let last = try #require(entries.last)
        #expect(last["EXIT"] == "78")
        #expect(!entries.contains { $0["MESSAGE_ID"] == "8fb127b7c312423abf58ad4c517b9cee" }, "it never started")
    }

    @Test("parkctl log-level changes the level at run time, audited")
    func logLevel() throws {
        let daemon = try RunningDaemon()
        #expect(try daemon.parkctl(["log-level"]).stdout == "info\n")
        let changed = try daemon.parkctl(["log-level", "debug"])
        #expect(changed.stdout == "log level info → debug\n")
        #expect(try daemon.parkctl(["log-level"]).stdout == "debug\n")
        let bad = try daemon.parkctl(["log-level", "chatty"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("'chatty' is not a log level"))
        let trail = try daemon.parkctl(["audit", "list", "--method", "Service.SetLogLevel"])
        #expect(trail.stdout.split(separator: "\n").count == 3)
    }
}
