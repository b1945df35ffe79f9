import Foundation
import Testing
import Synchronization

@Suite("parkd as systemd runs it: readiness, reload, shutdown, refusal to start")
struct LifecycleTests {
    @Test("SIGHUP with a bad configuration is rejected, the old one stays and parkd keeps serving")
    func badReload() throws {
        let daemon = try RunningDaemon(config: "log:\n  level: info\n")
        try "log:\n  level: shouty\n".write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(daemon.notify.wait(for: "RELOADING=1") != nil)
        let rejected = try #require(daemon.notify.wait(for: "reload rejected"))
        #expect(rejected.contains("READY=1"))
        #expect(rejected.contains("log.level: 'shouty' is not a log level"))
        let status = try daemon.parkctl(["status"])
        #expect(status.status == 0)
        #expect(status.stdout.contains("Log level:       info"))
        #expect(status.stdout.contains("Last reload:     rejected: \(daemon.configPath):2:10: log.level"))
        #expect(daemon.log.contains("configuration reload rejected"))

        try "log:\n  level: debug\n".write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(daemon.notify.wait(for: "configuration reloaded") != nil)
        let reloaded = try daemon.parkctl(["--json", "status"])
        #expect(reloaded.stdout.contains("\"logLevel\" : \"debug\""))
        #expect(!reloaded.stdout.contains("lastReloadError"))
    }

    @Test("SIGHUPs from the moment parkd is started (a reload asked for while it starts) never end it")
    func hangupsWhileStarting() throws {
        let script = #"""
            dir=$(mktemp -d)
            "$1" --state-dir "$dir" --socket "$dir/c.sock" 2> "$dir/err" & pid=$!
            for i in $(seq 1 40); do kill -HUP $pid 2> /dev/null; sleep 0.002; done
            for i in $(seq 1 200); do [ -S "$dir/c.sock" ] && break; sleep 0.05; done
            sleep 0.5
            kill -0 $pid 2> /dev/null && echo alive
            kill -TERM $pid; wait $pid; echo "exit $?"
            rm -rf "$dir"
            """#
        let result = try runCommand("/bin/bash", ["-c", script, "bash", Binaries.parkd])
        #expect(result.stdout == "alive\nexit 0\n", "\(result.stdout)\(result.stderr)")
    }

    @Test("SIGHUP with a configuration emptied by mistake is rejected: the log level and access groups in force stay")
    func emptiedReload() throws {
        let daemon = try RunningDaemon(config: "log:\n  level: debug\n")
        try "# everything commented out\n".write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        let rejected = try #require(daemon.notify.wait(for: "reload rejected"))
        #expect(rejected.contains("is empty"), "\(rejected)")
        let status = try daemon.parkctl(["status"])
        #expect(status.status == 0)
        #expect(status.stdout.contains("Log level:       debug"), "\(status.stdout)")
        #expect(status.stdout.contains("Last reload:     rejected: \(daemon.configPath)"), "\(status.stdout)")
    }

    @Test("at debug level, the services parkd describes as they start and stop show the receipt key's public half, never the private one")
    func secretsNotLogged() throws {
        let daemon = try RunningDaemon(config: "log:\n  level: debug\n")
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit() == 0, "\(daemon.log)")
        let keyFile = try String(contentsOfFile: daemon.directory + "/receipt-key", encoding: .utf8)
        let log = daemon.log
        #expect(log.contains("Starting service"), "the services are described at debug level: \(log.prefix(2000))")
        #expect(!log.contains(String(keyFile.dropLast())) && !log.contains("privateBytes"), "\(log)")
    }

    @Test("SIGTERM says STOPPING=1, removes the socket it created and exits 0")
    func sigterm() throws {
        let daemon = try RunningDaemon()
        _ = try daemon.parkctl(["tenant", "add", "--name", "A", "--credit-code", "91370200163562681G"])
        let idle = try RawConnection(path: daemon.socketPath)
        daemon.signal(SIGTERM)
        #expect(daemon.notify.wait(for: "STOPPING=1") != nil)
        #expect(daemon.waitForExit() == 0, "\(daemon.log)")
        #expect(idle.receive() == nil, "idle connections are closed")
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
        // Nothing acknowledged was lost.
        let count = try runCommand("/usr/bin/sqlite3", [daemon.databasePath, "SELECT COUNT(*) FROM tenant"])
        #expect(count.stdout == "1\n")
        // Everything is in the database file itself: a copy of parkd.sqlite alone is the park.
        let wal = (try? FileManager.default.attributesOfItem(atPath: daemon.databasePath + "-wal"))?[.size] as? Int
        #expect(wal == nil || wal == 0, "the write-ahead log still holds \(wal ?? 0) bytes")
        let copy = daemon.directory + "/copy.sqlite"
        try FileManager.default.copyItem(atPath: daemon.databasePath, toPath: copy)
        #expect(try runCommand("/usr/bin/sqlite3", [copy, "SELECT name FROM tenant"]).stdout == "A\n")
    }

    @Test("the database, its log and the lock file are not readable by others, whatever umask parkd started with")
    func privateFiles() throws {
        let daemon = try RunningDaemon()
        _ = try daemon.parkctl(["tenant", "add", "--name", "A", "--credit-code", "91370200163562681G"])
        for name in ["parkd.sqlite", "parkd.sqlite-wal", "parkd.lock"] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: daemon.directory + "/" + name)[.posixPermissions] as? Int)
            #expect(mode & 0o007 == 0, "\(name) is \(String(mode, radix: 8))")
        }
    }

    @Test("a second parkd on the same state directory is refused, naming the first one's pid")
    func secondDaemonRefused() throws {
        let daemon = try RunningDaemon()
        let second = try runCommand(Binaries.parkd, [
            "--config", daemon.configPath, "--state-dir", daemon.directory, "--socket", daemon.directory + "/other.sock",
        ])
        #expect(second.status == 1)
        #expect(second.stderr.contains(
            "\(daemon.directory)/parkd.lock: another parkd (pid \(daemon.pid)) is running on \(daemon.directory); stop it first or give this one another --state-dir"),
            "\(second.stderr)")
        #expect(!FileManager.default.fileExists(atPath: daemon.directory + "/other.sock"))
        // The lock file deleted, the directory itself is still held.
        #expect(unlink(daemon.directory + "/parkd.lock") == 0)
        let third = try runCommand(Binaries.parkd, [
            "--config", daemon.configPath, "--state-dir", daemon.directory, "--socket", daemon.directory + "/other.sock",
        ])
        #expect(third.status == 1)
        #expect(third.stderr.contains("another parkd is running on \(daemon.directory); stop it first"), "\(third.stderr)")
        #expect(try daemon.parkctl(["status"]).status == 0)
        // The lock goes with the process, however it ends: a restart after kill -9 is not refused.
        daemon.signal(SIGKILL)
        _ = daemon.waitForExit()
        let restarted = try daemon.restarted()
        #expect(try restarted.parkctl(["status"]).status == 0)
    }

    @Test("a client that stops reading its replies is closed when the grace period ends, and parkd says so")
    func unreadRepliesAtShutdown() throws {
        let daemon = try RunningDaemon(config: "shutdown:\n  grace_seconds: 1\nlimits:\n  reply_buffer_bytes: 65536\n")
        let connection = try RawConnection(path: daemon.socketPath)
        // Calls whose replies fill the buffer, never read.
        let call = "{\"method\":\"org.varlink.service.GetInterfaceDescription\",\"parameters\":{\"interface\":\"io.parkd.Review\"}}\0"
        connection.send(String(repeating: call, count: 400))
        usleep(500_000)
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: 15) == 0, "\(daemon.log)")
        #expect(daemon.log.contains("the shutdown grace period ended with 1 connection still open"), "\(daemon.log)")
        #expect(daemon.log.contains("a client is not reading its replies: its further calls wait until it does"), "\(daemon.log)")
        #expect(daemon.log.contains("a client that left its replies unread has closed its connection"), "\(daemon.log)")
    }

    @Test("a request in flight is answered before shutdown completes")
    func drainsInFlight() throws {
        let daemon = try RunningDaemon()
        // Another process holds the database's write lock, so parkd's write waits (busy timeout).
        let lock = try DatabaseWriteLock(database: daemon.databasePath)

        let connection = try RawConnection(path: daemon.socketPath)
        connection.send("{\"method\":\"io.parkd.Tenant.Create\",\"parameters\":{\"name\":\"A\",\"creditCode\":\"91370200163562681G\"}}\0")
        usleep(300_000)
        daemon.signal(SIGTERM)
        #expect(daemon.notify.wait(for: "STOPPING=1") != nil)
        usleep(100_000)
        #expect(throws: POSIXError.self, "no new connections once stopping") { try RawConnection(path: daemon.socketPath) }
        // Release the lock: the waiting write commits and its reply still arrives.
        try lock.end()
        let reply = try #require(connection.receive())
        #expect(reply.contains("\"creditCode\":\"91370200163562681G\""))
        #expect(connection.receive() == nil, "the connection closes after its last reply")
        #expect(daemon.waitForExit() == 0, "\(daemon.log)")
    }

    @Test("at SIGTERM every call is either answered or not carried out: none is committed and left unanswered, however the calls and the shutdown meet")
    func shutdownAnswersWhatItDoes() throws {
        let daemon = try RunningDaemon()
        #expect(try daemon.parkctl(["tenant", "add", "--name", "A", "--credit-code", "91370200163562681G"]).status == 0)
        let answered = Mutex<Set<String>>([])
        let stop = Atomic<Bool>(false)
        let group = DispatchGroup()
        for connectionNumber in 0..<48 {
            DispatchQueue.global().async(group: group) {
                guard let connection = try? RawConnection(path: daemon.socketPath) else { return }
                var call = 0
                while !stop.load(ordering: .relaxed) {
                    let value = "c\(connectionNumber)-\(call)"
                    call += 1
                    connection.send(#"{"method":"io.parkd.Tenant.Update","parameters":{"tenant":"1","contactPerson":"\#(value)"}}"# + "\0")
                    guard let reply = connection.receive(within: 15) else { return }
                    if !reply.contains("\"error\"") { answered.withLock { _ = $0.insert(value) } }
                }
            }
        }
        usleep(800_000)
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit() == 0, "\(daemon.log)")
        stop.store(true, ordering: .relaxed)
        group.wait()
        let committed = try runCommand("/usr/bin/sqlite3", [
            daemon.databasePath, "SELECT json_extract(parameters, '$.contactPerson') FROM auditEntry WHERE method = 'io.parkd.Tenant.Update' AND outcome = 'ok'",
        ]).stdout.split(separator: "\n").map(String.init)
        let unanswered = Set(committed).subtracting(answered.withLock { $0 })
        #expect(!committed.isEmpty)
        #expect(unanswered.isEmpty, "committed but never answered: \(unanswered.sorted())")
    }

    @Test("--check-config validates and exits 0 or 1 with file, line and key")
    func checkConfig() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-check-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let good = directory + "/good.yaml", bad = directory + "/bad.yaml"
        try "socket:\n  mode: \"0640\"\n".write(toFile: good, atomically: true, encoding: .utf8)
        try "socket:\n  mode: \"0640\"\n  colour: blue\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let ok = try runCommand(Binaries.parkd, ["--check-config", "--config", good])
        #expect(ok.status == 0)
        #expect(ok.stdout.hasPrefix("\(good): configuration is valid; socket.group: none (the socket keeps parkd's group)\n"), "\(ok.stdout)")
        let refused = try runCommand(Binaries.parkd, ["--check-config", "--config", bad])
        #expect(refused.status == 1)
        #expect(refused.stderr == "parkd: \(bad):3:3: socket.colour: unknown key\n")
        #expect(try runCommand(Binaries.parkd, ["--check-config"]).status == 0)
        // A directory that is not there is no error (parkd runs without policies or calendar), but said so.
        let absent = try runCommand(Binaries.parkd, ["--check-config", "--config", good, "--policy-dir", directory + "/none", "--calendar-dir", directory + "/none"])
        #expect(absent.status == 0 && absent.stdout.contains("\(directory)/none: no policies (the directory does not exist)\n")
            && absent.stdout.contains("\(directory)/none: no calendar: no year is covered (the directory does not exist)\n"), "\(absent.stdout)")
        // A socket group that does not exist would stop parkd at start: the check says so now.
        let noGroup = directory + "/nogroup.yaml"
        try "socket:\n  group: nosuchgroupxyz\n".write(toFile: noGroup, atomically: true, encoding: .utf8)
        let groupRefused = try runCommand(Binaries.parkd, ["--check-config", "--config", noGroup])
        #expect(groupRefused.status == 1)
        #expect(groupRefused.stderr.contains("socket.group 'nosuchgroupxyz' does not exist: parkd could not give its socket to it"), "\(groupRefused.stderr)")
        #expect(!groupRefused.stdout.contains("configuration is valid"), "\(groupRefused.stdout)")
        // Started with it, parkd stops before it makes anything.
        let state = directory + "/state"
        let started = try runCommand("/usr/bin/timeout", ["20", Binaries.parkd, "--config", noGroup, "--state-dir", state, "--socket", directory + "/c.sock"])
        #expect(started.status == 1 && started.stderr.contains("socket.group 'nosuchgroupxyz' does not exist"), "\(started.stderr)")
        #expect(!FileManager.default.fileExists(atPath: state + "/parkd.sqlite"))

        let empty = directory + "/empty.yaml"
        try "# nothing set\n".write(toFile: empty, atomically: true, encoding: .utf8)
        let emptyRefused = try runCommand(Binaries.parkd, ["--check-config", "--config", empty])
        #expect(emptyRefused.status == 1)
        #expect(emptyRefused.stderr == "parkd: \(empty): is empty (or holds only comments); a configuration file sets at least one key\n")
        let folder = try runCommand(Binaries.parkd, ["--check-config", "--config", directory])
        #expect(folder.status == 1)
        #expect(folder.stderr == "parkd: \(directory): is a directory\n")
    }

    @Test("a schema upgrade at start is in the audit trail, with the migrations it ran")
    func upgradeAudited() throws {
        var daemon = try RunningDaemon()
        daemon.stop()
        // As an earlier parkd left it: without v21's triggers, and v21 not applied.
        let triggers = ["paymentBatch_madeUnapproved", "paymentBatch_makerKept", "paymentBatch_approvedOnce", "paymentBatch_statusFinal",
                        "paymentItem_intoBatchBeingMade", "paymentItem_accountKept", "paymentItem_settledWhenApproved",
                        "paymentItem_leavesOnlyABatchBeingMade", "paymentOffset_whileMade", "paymentOffset_kept",
                        "paymentOffset_leavesOnlyABatchBeingMade"]
        let older = triggers.map { "DROP TRIGGER \($0);" }.joined() + "DELETE FROM grdb_migrations WHERE identifier = 'v21-paymentGuards';"
        #expect(try runCommand("/usr/bin/sqlite3", [daemon.databasePath, older]).status == 0)
        daemon = try daemon.restarted()
        let trail = try daemon.parkctl(["--json", "audit", "list", "--method", "Service.Upgrade"]).stdout
        #expect(trail.contains("\"method\" : \"io.parkd.Service.Upgrade\"") && trail.contains("v21-paymentGuards"), "\(trail)")
        #expect(try daemon.parkctl(["audit", "verify"]).status == 0)
    }

    @Test("a database written by a newer parkd is refused at start")
    func newerDatabase() throws {
        let daemon = try RunningDaemon()
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit() == 0, "\(daemon.log)")
        // Out of WAL mode, as a newer parkd might leave it: opening it for writing would change it.
        let future = try runCommand(
            "/usr/bin/sqlite3", [daemon.databasePath, "PRAGMA journal_mode = DELETE; INSERT INTO grdb_migrations VALUES ('v99-future')"])
        #expect(future.status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: daemon.databasePath))
        try FileManager.default.removeItem(atPath: daemon.directory + "/receipt-key")
        let again = try runCommand(Binaries.parkd, ["--state-dir", daemon.directory, "--socket", daemon.socketPath])
        #expect(again.status == 78, "a restart does not mend it: EX_CONFIG, which the units do not restart")
        #expect(again.stderr.contains("was written by a newer parkd (schema v99-future"))
        // Refused, it is left as it was, and nothing is made beside it.
        #expect(try Data(contentsOf: URL(fileURLWithPath: daemon.databasePath)) == before)
        #expect(!FileManager.default.fileExists(atPath: daemon.databasePath + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: daemon.directory + "/receipt-key"))
    }

    @Test("a park started with another receipt key than its receipts name says so at start")
    func receiptKeyReplaced() throws {
        let daemon = try RunningDaemon()
        _ = try daemon.parkctl(["tenant", "add", "--name", "青岛英才人力资源有限公司", "--credit-code", "91370200163562681G"])
        let file = daemon.directory + "/objection.json"
        try #"{"submissionId":"o-1","tenant":"91370200163562681G","type":"objection","createdAt":"2026-02-26T15:00:00+08:00","payload":{"application":7,"grounds":"资质材料不全"}}"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let taken = try daemon.parkctl(["submit", file])
        #expect(taken.stdout.hasPrefix("rejected"), "\(taken.stdout)\(taken.stderr)")
        let first = try #require(try daemon.parkctl(["status"]).stdout.firstMatch(of: /\(id ([0-9a-f]{16})\)/)?.1)
        let same = try daemon.restarted()
        #expect(!same.log.contains("is not the one its receipts name"), "\(same.log)")
        same.stop()
        try FileManager.default.removeItem(atPath: same.directory + "/receipt-key")
        let replaced = try same.restarted()
        let second = try #require(try replaced.parkctl(["status"]).stdout.firstMatch(of: /\(id ([0-9a-f]{16})\)/)?.1)
        #expect(second != first)
        #expect(replaced.log.contains("the park's receipt key \(second) is not the one its receipts name (\(first))"), "\(replaced.log)")
    }

    @Test("a socket parkd cannot listen on stops it at once, before any service starts, naming the path (it once hung for good)")
    func socketCannotListen() throws {
        let daemon = try RunningDaemon()
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit() == 0, "\(daemon.log)")
        let nowhere = daemon.directory + "/no-such-directory/control.sock"
        for _ in 1...5 {
            // A parkd that hangs is stopped by timeout(1), and its status is 124.
            let refused = try runCommand("/usr/bin/timeout", ["30", Binaries.parkd, "--config", daemon.configPath, "--state-dir", daemon.directory, "--socket", nowhere])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("cannot listen on \(nowhere): No such file or directory"), "\(refused.stderr)")
            #expect(!refused.stderr.contains("taking tenants' submissions"), "no service started: \(refused.stderr)")
        }
    }

    @Test("a second parkd does not steal a live socket, and makes nothing in its state directory before it says so")
    func liveSocket() throws {
        let daemon = try RunningDaemon()
        let second = try runCommand(Binaries.parkd, ["--state-dir", daemon.directory + "/other", "--socket", daemon.socketPath])
        #expect(second.status == 1)
        #expect(second.stderr.contains("another process is already serving on \(daemon.socketPath): stop it, or give this parkd a socket of its own"), "\(second.stderr)")
        #expect(!FileManager.default.fileExists(atPath: daemon.directory + "/other"), "no park made, no receipt key nobody backed up")
        #expect(try daemon.parkctl(["status"]).status == 0)
    }
}
