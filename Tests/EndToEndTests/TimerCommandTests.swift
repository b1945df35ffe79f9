import Foundation
import ParkControl
import Synchronization
import Testing

/// Scheduled jobs against a real parkd whose clock the test sets (`PARKD_CLOCK_FILE`): parkd
/// sleeps until an elapse and is woken by the clock file being rewritten, as by `date -s`.
@Suite("Scheduled jobs against a real parkd with a clock the test moves")
struct TimerCommandTests {
    /// Microseconds since the epoch of an RFC 3339 instant.
    static func micros(_ instant: String) -> Int64 {
        Int64(ISO8601DateFormatter().date(from: instant)!.timeIntervalSince1970 * 1_000_000)
    }

    static func timers(_ body: String) -> String { "timers:\n" + body }

    /// The whole history (up to 1,000 runs): a slow run may be followed by more skipped
    /// elapses than a default page holds.
    func history(_ daemon: RunningDaemon, _ timer: String? = nil) throws -> [TimerAPI.TimerRun] {
        let result = try daemon.parkctl(["--json", "timer", "history", "--limit", "1000"] + (timer.map { [$0] } ?? []))
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode(TimerAPI.HistoryReply.self, from: Data(result.stdout.utf8)).runs
    }

    func list(_ daemon: RunningDaemon) throws -> TimerAPI.ListReply {
        let result = try daemon.parkctl(["--json", "timer", "list"])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode(TimerAPI.ListReply.self, from: Data(result.stdout.utf8))
    }

    /// Waits up to `timeout` seconds for `runs` of the daemon's history to meet `condition`.
    @discardableResult
    func waitForRuns(
        _ daemon: RunningDaemon, _ timer: String? = nil, timeout: Double = 20, until condition: ([TimerAPI.TimerRun]) -> Bool
    ) throws -> [TimerAPI.TimerRun] {
        let deadline = Date().addingTimeInterval(timeout)
        var runs = try history(daemon, timer)
        while !condition(runs), Date() < deadline {
            usleep(100_000)
            runs = try history(daemon, timer)
        }
        return runs
    }

    static let daily = """
          - name: tidy
            on_calendar: "*-*-* 09:00"
            action: optimize
            accuracy: 1s

        """

    @Test("a timer runs its action at its elapse, and list shows it as systemctl list-timers does")
    func firesAtElapse() throws {
        let daemon = try RunningDaemon(config: Self.timers(Self.daily), clock: "2026-03-02T08:59:57+08:00")
        let before = try daemon.parkctl(["timer", "list"], environment: ["TZ": "Asia/Shanghai"])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout.hasPrefix("NEXT                         LEFT     LAST  PASSED  TIMER  ACTION\n"), "\(before.stdout)")
        #expect(before.stdout.contains("Mon 2026-03-02 09:00:00 CST  "), "\(before.stdout)")
        #expect(before.stdout.hasSuffix("\n\n1 timer listed.\n"), "\(before.stdout)")

        let runs = try waitForRuns(daemon) { $0.first?.outcome == "succeeded" }
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        #expect(run.timer == "tidy" && run.action == "optimize" && run.trigger == "elapse")
        #expect(run.elapse == "2026-03-02T01:00:00.000Z")
        #expect(run.startedAt >= "2026-03-02T01:00:00.000Z" && run.startedAt < "2026-03-02T01:00:03.000Z", "\(run.startedAt)")
        #expect(run.result == "PRAGMA optimize ran")

        let after = try list(daemon)
        #expect(after.timers.first?.next == Self.micros("2026-03-03T01:00:00Z"))
        #expect(after.timers.first?.lastOutcome == "succeeded")
        // Runs asked for, however many, leave Last and its outcome to the elapse.
        for _ in 1...11 { #expect(try daemon.parkctl(["timer", "run-now", "tidy"]).status == 0) }
        let afterRunsNow = try list(daemon)
        #expect(afterRunsNow.timers.first?.last == after.timers.first?.last && afterRunsNow.timers.first?.last != nil)
        #expect(afterRunsNow.timers.first?.lastOutcome == "succeeded", "the elapse's outcome, after eleven runs asked for")
        // A history cut at its limit says so, and how to see more; one that holds every run does not.
        let cut = try daemon.parkctl(["timer", "history", "tidy", "--limit", "5"]).stdout
        #expect(cut.hasSuffix("more: the 5 latest shown; parkctl timer history tidy --limit 25 shows more\n"), "\(cut)")
        #expect(!(try daemon.parkctl(["timer", "history", "tidy", "--limit", "1000"]).stdout.contains("more:")))
        let shown = try daemon.parkctl(["timer", "show", "tidy"], environment: ["TZ": "Asia/Shanghai"])
        #expect(shown.stdout.contains("    On calendar: *-*-* 09:00:00"), "\(shown.stdout)")
        #expect(shown.stdout.contains("           Next: Tue 2026-03-03 09:00:00 CST (23h"), "\(shown.stdout)")
        let missing = try daemon.parkctl(["timer", "show", "nightly"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no timer is named 'nightly'"), "\(missing.stderr)")
        // Running one that does not exist is a refused change: in the trail, as every refused call is.
        #expect(try daemon.parkctl(["timer", "run-now", "nightly"]).status == 66)
        let trail = try daemon.parkctl(["audit", "list", "--method", "Timer.Run", "--limit", "1"]).stdout
        #expect(trail.contains("io.parkd.Timer.NoSuchTimer (name=nightly)"), "\(trail)")
    }

    @Test("the clock set forward over three elapses makes one run; set back behind it, the elapse comes again")
    func clockJumps() throws {
        let daemon = try RunningDaemon(config: Self.timers(Self.daily), clock: "2026-03-02T10:00:00+08:00")
        #expect(try list(daemon).timers.first?.next == Self.micros("2026-03-03T01:00:00Z"))
        try daemon.setClock("2026-03-05T12:00:00+08:00")
        var runs = try waitForRuns(daemon) { $0.first?.outcome == "succeeded" }
        #expect(runs.count == 1)
        #expect(runs.first?.elapse == "2026-03-05T01:00:00.000Z", "the latest of the elapses missed")
        sleep(2)
        #expect(try history(daemon).count == 1, "three elapses passed over, one run")
        #expect(try list(daemon).timers.first?.next == Self.micros("2026-03-06T01:00:00Z"))

        try daemon.setClock("2026-03-03T08:59:58+08:00")
        runs = try waitForRuns(daemon) { $0.count == 2 && $0.first?.outcome == "succeeded" }
        #expect(runs.count == 2)
        #expect(runs.first?.elapse == "2026-03-03T01:00:00.000Z")
        #expect(runs.first.map { $0.startedAt >= "2026-03-03T01:00:00.000Z" && $0.startedAt < "2026-03-03T01:00:03.000Z" } == true, "\(runs)")
        #expect(daemon.log.contains("the wall clock was set"), "\(daemon.log)")
    }

    @Test("a persistent timer that missed three elapses while parkd was stopped runs once after the restart")
    func persistentCatchUp() throws {
        let config = Self.timers(Self.daily + "    persistent: true\n")
        var daemon = try RunningDaemon(config: config, clock: "2026-03-02T08:59:58+08:00")
        try waitForRuns(daemon) { $0.first?.outcome == "succeeded" }
        daemon = try daemon.restarted(clock: "2026-03-05T10:00:00+08:00")
        let runs = try waitForRuns(daemon) { $0.count == 2 && $0.first?.outcome == "succeeded" }
        #expect(runs.count == 2)
        #expect(runs.first?.trigger == "catch-up")
        #expect(runs.first?.elapse == "2026-03-05T01:00:00.000Z", "the latest of the elapses missed")
        sleep(2)
        #expect(try history(daemon).count == 2, "03-03, 03-04 and 03-05 were missed: one run")
        #expect(try list(daemon).timers.first?.next == Self.micros("2026-03-06T01:00:00Z"))

        // Not persistent: nothing is caught up.
        try config.replacingOccurrences(of: "    persistent: true\n", with: "").write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
        daemon = try daemon.restarted(clock: "2026-03-08T10:00:00+08:00")
        sleep(2)
        #expect(try history(daemon).count == 2)
    }

    @Test("a persistent timer that never ran before parkd stopped catches up from when it was first started, as from systemd's stamp file")
    func persistentCatchUpOfATimerThatNeverRan() throws {
        let config = Self.timers(Self.daily + "    persistent: true\n")
        var daemon = try RunningDaemon(config: config, clock: "2026-03-02T10:00:00+08:00")
        #expect(try list(daemon).timers.first?.next == Self.micros("2026-03-03T01:00:00Z"))
        daemon = try daemon.restarted(clock: "2026-03-05T12:00:00+08:00")
        let runs = try waitForRuns(daemon) { $0.first?.outcome == "succeeded" }
        #expect(runs.count == 1)
        #expect(runs.first?.trigger == "catch-up")
        #expect(runs.first?.elapse == "2026-03-05T01:00:00.000Z", "the latest of the elapses missed")
        #expect(try list(daemon).timers.first?.next == Self.micros("2026-03-06T01:00:00Z"))

        // Stopped again before its next elapse, started after it: caught up from the last run.
        daemon = try daemon.restarted(clock: "2026-03-06T12:00:00+08:00")
        let again = try waitForRuns(daemon) { $0.count == 2 && $0.first?.outcome == "succeeded" }
        #expect(again.first?.trigger == "catch-up" && again.first?.elapse == "2026-03-06T01:00:00.000Z")

        // A persistent timer a reload adds is stamped then: never run, it catches up too.
        let evening = Self.daily.replacingOccurrences(of: "name: tidy", with: "name: tidy-evening").replacingOccurrences(of: "09:00", with: "20:00")
        try (config + evening + "    persistent: true\n").write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(daemon.notify.wait(for: "configuration reloaded") != nil)
        daemon = try daemon.restarted(clock: "2026-03-07T08:00:00+08:00")
        let evenings = try waitForRuns(daemon, "tidy-evening") { $0.first?.outcome == "succeeded" }
        #expect(evenings.count == 1 && evenings.first?.trigger == "catch-up" && evenings.first?.elapse == "2026-03-06T12:00:00.000Z", "\(evenings)")
    }

    @Test("a run still going when its timer elapses again is not started twice: the elapse is recorded as skipped")
    func noOverlap() throws {
        let config = Self.timers("""
              - name: copy
                on_calendar: "*:*:*"
                action: backup
                arguments:
                  keep_daily: 1
                  keep_monthly: 0
                accuracy: 1ms

            """)
        let created = try RunningDaemon(config: config, clock: "2026-03-02T08:00:00+08:00")
        created.stop()
        // A database whose copy takes longer to check than the timer's period: integrity_check
        // verifies every entry of an index against its table, which costs CPU per row (1.5
        // million rows: seconds even on a fast, quiet machine), not only the time to read bytes.
        let ballast = try runCommand("/usr/bin/sqlite3", [created.directory + "/parkd.sqlite", """
            CREATE TABLE ballast (b BLOB);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500000) INSERT INTO ballast SELECT randomblob(100) FROM n;
            CREATE INDEX ballast_b ON ballast(b);
            """])
        #expect(ballast.status == 0, "\(ballast.stderr)")
        let daemon = try created.restarted(clock: "2026-03-02T09:00:00+08:00")
        // Generous: on a loaded machine each copy of the 330 MB database takes many seconds.
        let runs = try waitForRuns(daemon, timeout: 240) { runs in
            runs.contains { $0.outcome == "skipped" } && runs.filter { $0.outcome == "succeeded" }.count >= 2
        }
        let started = runs.filter { $0.outcome != "skipped" }.sorted { $0.startedAt < $1.startedAt }
        let skipped = runs.filter { $0.outcome == "skipped" }
        #expect(!skipped.isEmpty, "\(runs)")
        for run in skipped {
            #expect(run.trigger == "elapse")
            #expect(run.result.hasPrefix("not started: the run started at "), "\(run.result)")
            // It was skipped while a run was going.
            #expect(started.contains { $0.startedAt <= run.startedAt && ($0.endedAt.map { $0 >= run.startedAt } ?? true) }, "\(runs)")
        }
        for (earlier, later) in zip(started, started.dropFirst()) {
            #expect(try #require(earlier.endedAt) <= later.startedAt, "runs overlap: \(earlier) \(later)")
        }
        #expect(started.allSatisfy { $0.outcome == "succeeded" || $0.outcome == "running" }, "\(started)")
    }

    @Test("working days only: the Spring Festival 2026 (15 to 23 February) is skipped, or its elapse moved to the 24th")
    func springFestival() throws {
        let config = Self.timers(Self.daily + """
                working_days_only: true
              - name: festival-report
                on_calendar: "*-02-16 09:00"
                action: optimize
                accuracy: 1s
                working_days_only: true
                on_holiday: next-working-day

            """) + Binaries.shippedCalendar
        let daemon = try RunningDaemon(config: config, clock: "2026-02-13T08:59:58+08:00")
        var runs = try waitForRuns(daemon) { $0.first?.outcome == "succeeded" }
        #expect(runs.map(\.elapse) == ["2026-02-13T01:00:00.000Z"])
        var timers = try list(daemon).timers
        // Saturday 14 February is worked for the festival.
        #expect(timers.first { $0.name == "tidy" }?.next == Self.micros("2026-02-14T01:00:00Z"))
        let moved = try #require(timers.first { $0.name == "festival-report" })
        #expect(moved.next == Self.micros("2026-02-24T01:00:00Z"))
        #expect(moved.nextNote == "moved from 2026-02-16, a day off")

        try daemon.setClock("2026-02-14T08:59:58+08:00")
        runs = try waitForRuns(daemon) { $0.count == 2 && $0.first?.outcome == "succeeded" }
        #expect(runs.first?.elapse == "2026-02-14T01:00:00.000Z")
        timers = try list(daemon).timers
        #expect(timers.first { $0.name == "tidy" }?.next == Self.micros("2026-02-24T01:00:00Z"), "15 to 23 February are skipped")

        try daemon.setClock("2026-02-24T08:59:58+08:00")
        runs = try waitForRuns(daemon) { $0.count == 4 && $0.allSatisfy { $0.outcome == "succeeded" } }
        #expect(runs.count == 4, "\(runs)")
        let festival = try #require(runs.first { $0.timer == "festival-report" })
        #expect(festival.movedFrom == "2026-02-16")
        #expect(festival.elapse == "2026-02-24T01:00:00.000Z")
        #expect(runs.filter { $0.timer == "tidy" }.map(\.elapse) == [
            "2026-02-24T01:00:00.000Z", "2026-02-14T01:00:00.000Z", "2026-02-13T01:00:00.000Z",
        ])
        let table = try daemon.parkctl(["timer", "history", "festival-report"])
        #expect(table.stdout.contains("run-now") == false && table.stdout.contains("elapse (moved from 2026-02-16)"), "\(table.stdout)")
    }

    @Test("a reload applies a changed timer; a bad timer refuses the reload, naming the timer and the field")
    func reload() throws {
        let daemon = try RunningDaemon(config: Self.timers(Self.daily), clock: "2026-03-02T10:00:00+08:00")
        try Self.timers(Self.daily.replacingOccurrences(of: "09:00", with: "11:30")).write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(daemon.notify.wait(for: "configuration reloaded") != nil)
        #expect(try list(daemon).timers.first?.next == Self.micros("2026-03-02T03:30:00Z"))
        // The change is in the audit trail, by the settings it changed (the file rewritten
        // without the test's own policy directory changed that too).
        let reloads = try daemon.parkctl(["--json", "audit", "list", "--method", "Service.Reload"])
        let entries = try JSONDecoder().decode(AuditAPI.ListReply.self, from: Data(reloads.stdout.utf8)).entries
        #expect(entries.count == 1 && entries.first?.parameters.canonicalText.contains(#""changed":["policies.directory","timers"],"config":"#) == true, "\(reloads.stdout)")
        #expect(entries.first?.parameters.canonicalText.contains(#""restartNeeded":[]"#) == true, "\(reloads.stdout)")
        // A reload that changes nothing records nothing.
        daemon.signal(SIGHUP)
        #expect(daemon.notify.wait(for: "configuration reloaded") != nil)
        #expect(try daemon.parkctl(["audit", "list", "--method", "Service.Reload"]).stdout.split(separator: "\n").count == 2)
        // What waits for a restart is said apart from what changed, and stays as it runs.
        func reloadEntries() throws -> [AuditAPI.Entry] {
            try JSONDecoder().decode(AuditAPI.ListReply.self, from: Data(
                try daemon.parkctl(["--json", "audit", "list", "--method", "Service.Reload"]).stdout.utf8)).entries
        }
        func reload(_ config: String, toEntries count: Int) throws {
            try config.write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
            daemon.signal(SIGHUP)
            let deadline = Date().addingTimeInterval(10)
            while try reloadEntries().count < count, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        }
        try reload(Self.timers(Self.daily) + "intake:\n  rescan_seconds: 30\n", toEntries: 2)
        let second = try reloadEntries().first
        #expect(second?.parameters.canonicalText.contains(#""changed":["timers"],"#) == true, "\(String(describing: second))")
        #expect(second?.parameters.canonicalText.contains(#""restartNeeded":["intake"]"#) == true, "\(String(describing: second))")
        try reload(Self.timers(Self.daily.replacingOccurrences(of: "09:00", with: "11:30")), toEntries: 3)
        #expect(try list(daemon).timers.first?.next == Self.micros("2026-03-02T03:30:00Z"))

        try Self.timers(Self.daily.replacingOccurrences(of: "*-*-* 09:00", with: "*-02-30 25:00")).write(
            toFile: daemon.configPath, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        let rejected = try #require(daemon.notify.wait(for: "reload rejected"))
        #expect(rejected.contains("timers.tidy.on_calendar: '*-02-30 25:00' is not a calendar expression"), "\(rejected)")
        #expect(try list(daemon).timers.first?.next == Self.micros("2026-03-02T03:30:00Z"), "the timers in force stay")
    }

    @Test("backup now makes a copy that opens and passes integrity_check; parkd --restore puts it back while parkd is stopped")
    func backupAndRestore() throws {
        var daemon = try RunningDaemon(clock: "2026-03-02T09:00:00+08:00")
        let first = try daemon.parkctl(["tenant", "add", "--name", "青岛英才人力资源有限公司", "--credit-code", "91370200163562681G", "--on", "2026-03-01"])
        #expect(first.status == 0, "\(first.stderr)")
        let made = try daemon.parkctl(["--json", "backup", "now"])
        #expect(made.status == 0, "\(made.stderr)")
        let backup = try JSONDecoder().decode(BackupAPI.CreateReply.self, from: Data(made.stdout.utf8))
        #expect(backup.integrity == "ok")
        // Named after the clock, which runs on from where the test set it (a loaded machine may take a second or two).
        #expect(backup.backup.file.wholeMatch(of: /parkd-20260302T01000\dZ\.sqlite/) != nil, "\(backup.backup.file)")
        #expect(backup.backup.path == daemon.directory + "/backups/" + backup.backup.file)
        let check = try runCommand("/usr/bin/sqlite3", [backup.backup.path, "PRAGMA integrity_check; SELECT name FROM tenant;"])
        #expect(check.stdout == "ok\n青岛英才人力资源有限公司\n", "\(check.stdout)\(check.stderr)")
        let listed = try daemon.parkctl(["backup", "list"])
        #expect(listed.stdout.contains(backup.backup.file) && listed.stdout.contains("1 in \(daemon.directory)/backups"), "\(listed.stdout)")
        // What a parkd killed while it made a copy left behind goes with the next copy.
        let abandoned = daemon.directory + "/backups/.partial-parkd-20260301T180000Z.sqlite"
        for path in [abandoned, abandoned + "-journal"] { #expect(FileManager.default.createFile(atPath: path, contents: Data("half".utf8))) }
        // Copies asked for at the same moment (a timer's and an administrator's) get a name each, all whole.
        let atOnce = Mutex<[CommandResult]>([])
        let serving = daemon
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            let result = try? serving.parkctl(["--json", "backup", "now"])
            atOnce.withLock { $0.append(result ?? CommandResult(status: -1, stdout: "", stderr: "parkctl did not run")) }
        }
        let copies = atOnce.withLock { $0 }
        #expect(copies.allSatisfy { $0.status == 0 }, "\(copies.map(\.stderr))")
        let names = Set(copies.compactMap { try? JSONDecoder().decode(BackupAPI.CreateReply.self, from: Data($0.stdout.utf8)).backup.file })
        #expect(names.count == 3 && !names.contains(backup.backup.file), "\(names)")
        #expect(try daemon.parkctl(["backup", "list"]).stdout.contains("4 in \(daemon.directory)/backups"))
        #expect(!FileManager.default.fileExists(atPath: abandoned) && !FileManager.default.fileExists(atPath: abandoned + "-journal"))

        let second = try daemon.parkctl(["tenant", "add", "--name", "Shanghai FESCO Qingdao", "--credit-code", "91370200718022626N", "--on", "2026-03-02"])
        #expect(second.status == 0, "\(second.stderr)")
        let restoreArguments = ["--config", daemon.configPath, "--state-dir", daemon.directory, "--restore", backup.backup.path]
        let refused = try runCommand(Binaries.parkd, restoreArguments)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("another parkd (pid "), "\(refused.stderr)")
        #expect(refused.stderr.contains("a restore runs only while parkd is stopped"), "\(refused.stderr)")

        // The trail's first entry and its head before the restore, as anchors would note them.
        let before = try JSONDecoder().decode(AuditAPI.VerifyReply.self, from: Data(try daemon.parkctl(["--json", "audit", "verify"]).stdout.utf8))
        let firstEntry = try #require(try JSONDecoder().decode(AuditAPI.ListReply.self, from: Data(
            try daemon.parkctl(["--json", "audit", "list", "--limit", "10000"]).stdout.utf8)).entries.last)
        daemon.stop()
        // The copy is older than the database in place: restored, it would undo the tenant added
        // since, which the restore names, and does only when told to.
        let older = try runCommand(Binaries.parkd, restoreArguments)
        #expect(older.status == 1, "\(older.stderr)")
        #expect(older.stderr.contains("\(backup.backup.path) is older than \(daemon.directory)/parkd.sqlite, which records 1 change (audit entries "), "\(older.stderr)")
        #expect(older.stderr.contains("): io.parkd.Tenant.Create 1. Restored, the copy undoes them. Restore a newer copy, or give --discard-newer"), "\(older.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.directory).filter { $0.hasPrefix("parkd.sqlite.") }.isEmpty, "nothing left beside it")
        let restored = try runCommand(Binaries.parkd, restoreArguments + ["--discard-newer"])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(restored.stderr.contains("\nparkd: undone, as --discard-newer asked: 1 change (audit entries "), "\(restored.stderr)")
        // Without an audit key the note is not sealed, and the restore says what that means.
        #expect(restored.stderr.hasPrefix("parkd: no audit key at /etc/parkd/audit.key: the note of this restore is not sealed"), "\(restored.stderr)")
        #expect(restored.stdout.hasPrefix("\(backup.backup.path): restored as \(daemon.directory)/parkd.sqlite\n"), "\(restored.stdout)")
        let aside = try #require(restored.stdout.split(separator: "\n").last { $0.hasPrefix("the database it replaced is kept as ") })
            .dropFirst("the database it replaced is kept as ".count)
        let kept = try runCommand("/usr/bin/sqlite3", [String(aside), "SELECT count(*) FROM tenant;"])
        #expect(kept.stdout == "2\n", "the replaced database is kept whole: \(kept.stdout)\(kept.stderr)")

        daemon = try daemon.restarted()
        let tenants = try daemon.parkctl(["--json", "tenant", "list"])
        #expect(tenants.stdout.contains("青岛英才人力资源有限公司") && !tenants.stdout.contains("FESCO"), "\(tenants.stdout)")
        // The start after it records the restore in the trail: who ran it, what it replaced, what it put in place.
        #expect(!FileManager.default.fileExists(atPath: daemon.directory + "/restored.json"))
        let restoreEntries = try JSONDecoder().decode(AuditAPI.ListReply.self, from: Data(
            try daemon.parkctl(["--json", "audit", "list", "--method", "Service.Restore"]).stdout.utf8)).entries
        let restoreEntry = try #require(restoreEntries.first)
        #expect(restoreEntries.count == 1 && restoreEntry.uid == Int64(getuid()) && restoreEntry.outcome == "ok")
        let headID = try #require(before.headId), headHash = try #require(before.headHash)
        #expect(restoreEntry.parameters.canonicalText.contains(#""replacedHead":{"hash":"\#(headHash)","id":\#(headID)}"#), "\(restoreEntry.parameters.canonicalText)")
        #expect(restoreEntry.parameters.canonicalText.contains(#""keptAside":"\#(aside)""#), "\(restoreEntry.parameters.canonicalText)")
        // Anchors noted before it: the trail's first entry holds here, the old head in the database kept aside.
        let anchors = daemon.directory + "/anchors"
        try "\(firstEntry.id) \(firstEntry.hash)\n\(headID) \(headHash)\n".write(toFile: anchors, atomically: true, encoding: .utf8)
        let verified = try daemon.parkctl(["audit", "verify", "--anchors", anchors])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("\n1 anchor matches\n1 anchor was noted before a restore, and matches the database it replaced, kept aside"), "\(verified.stdout)")
        // A hash that neither trail holds is still found out.
        try "\(headID) \(String(repeating: "0", count: 64))\n".write(toFile: anchors, atomically: true, encoding: .utf8)
        let forged = try daemon.parkctl(["audit", "verify", "--anchors", anchors])
        #expect(forged.status == 1, "\(forged.stdout)")
        #expect(forged.stdout.contains("entry \(headID), noted earlier, is gone (nor is it in a trail a restore replaced): the trail was cut short"), "\(forged.stdout)")

        // A copy made with sqlite3's .backup (in WAL mode, as the database is) is only read by a
        // restore: nothing is left beside it, and it restores again.
        let elsewhere = daemon.directory + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        let copy = elsewhere + "/copy.sqlite"
        #expect(try runCommand("/usr/bin/sqlite3", [daemon.databasePath, ".backup '\(copy)'"]).status == 0)
        daemon.stop()
        let again = try runCommand(Binaries.parkd, ["--config", daemon.configPath, "--state-dir", daemon.directory, "--restore", copy])
        #expect(again.status == 0, "\(again.stderr)")
        // A second restore before parkd has started and recorded the first restores over it.
        let twice = try runCommand(Binaries.parkd, ["--config", daemon.configPath, "--state-dir", daemon.directory, "--restore", copy])
        #expect(twice.status == 0, "\(twice.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere) == ["copy.sqlite"])
    }

    @Test("a copy whose audit trail parts from the database's is refused, naming what the database did since; another park's too; a database another process has open is left alone; a log without its database is kept aside")
    func restoreGuards() throws {
        var daemon = try RunningDaemon(clock: "2026-03-02T09:00:00+08:00")
        func backup() throws -> String {
            let made = try JSONDecoder().decode(BackupAPI.CreateReply.self, from: Data(try daemon.parkctl(["--json", "backup", "now"]).stdout.utf8))
            return made.backup.path
        }
        func restore(_ file: String, _ more: [String] = []) throws -> CommandResult {
            try runCommand(Binaries.parkd, ["--config", daemon.configPath, "--state-dir", daemon.directory, "--restore", file] + more)
        }
        #expect(try daemon.parkctl(["tenant", "add", "--name", "A", "--credit-code", "91370200163562681G"]).status == 0)
        let first = try backup()
        try daemon.setClock("2026-03-02T09:00:02+08:00")
        #expect(try daemon.parkctl(["tenant", "add", "--name", "B", "--credit-code", "91110000802100433B"]).status == 0)
        let second = try backup()
        // Back to the first copy, knowingly; then the park goes on from there.
        daemon.stop()
        #expect(try restore(first, ["--discard-newer"]).status == 0)
        daemon = try daemon.restarted()
        #expect(try daemon.parkctl(["tenant", "add", "--name", "C", "--credit-code", "91370200718022626N"]).status == 0)
        daemon.stop()
        // The second copy is longer, but not this park as it was: C would be undone.
        let parted = try restore(second)
        #expect(parted.status == 1, "\(parted.stderr)")
        #expect(parted.stderr.contains("is not \(daemon.directory)/parkd.sqlite as it was: their audit trails part after entry "), "\(parted.stderr)")
        #expect(parted.stderr.contains("): io.parkd.Tenant.Create 1. Restored, the copy undoes them."), "\(parted.stderr)")

        // Another park's copy: nothing in common.
        let other = try RunningDaemon()
        #expect(try other.parkctl(["tenant", "add", "--name", "X", "--credit-code", "91110000802100433B"]).status == 0)
        let otherCopy = try JSONDecoder().decode(BackupAPI.CreateReply.self, from: Data(try other.parkctl(["--json", "backup", "now"]).stdout.utf8)).backup.path
        let foreign = try restore(otherCopy)
        #expect(foreign.status == 1 && foreign.stderr.contains("their audit trails part after entry 0"), "\(foreign.stderr)")

        // A database another process holds a lock on (as SQLite's readers and writers do) is not
        // replaced under it.
        let holder = Process(), said = Pipe()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = ["-c", """
            import fcntl, sys
            f = open(sys.argv[1], 'r+b'); fcntl.lockf(f, fcntl.LOCK_SH, 1, 1073741825); print('held', flush=True); sys.stdin.read()
            """, daemon.databasePath]
        holder.standardOutput = said
        let release = Pipe()
        holder.standardInput = release
        try holder.run()
        #expect(String(decoding: said.fileHandleForReading.availableData, as: UTF8.self).contains("held"))
        let held = try restore(first, ["--discard-newer"])
        try release.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(held.status == 1 && held.stderr.contains("another process (pid \(holder.processIdentifier)) holds the database"), "\(held.stderr)")

        // A restore killed while it checked its copy left the copy beside the database: the
        // next start removes it, saying so, and the park is the one in place.
        try Data(repeating: 7, count: 4096).write(to: URL(fileURLWithPath: daemon.databasePath + ".restoring"))
        daemon = try daemon.restarted()
        #expect(!FileManager.default.fileExists(atPath: daemon.databasePath + ".restoring"))
        #expect(daemon.log.contains("removed what a restore cut short left: the database in place was not replaced"), "\(daemon.log)")
        #expect(try daemon.parkctl(["tenant", "show", "91370200718022626N"]).status == 0)
        daemon.stop()

        // A log left without its database is moved out of the way, not read into the copy.
        try FileManager.default.moveItem(atPath: daemon.databasePath, toPath: daemon.directory + "/moved.sqlite")
        try Data("not a log".utf8).write(to: URL(fileURLWithPath: daemon.databasePath + "-wal"))
        #expect(try restore(first).status == 0)
        #expect(!FileManager.default.fileExists(atPath: daemon.databasePath + "-wal"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.directory).contains { $0.hasPrefix("parkd.sqlite.stray-") && $0.hasSuffix("-wal") })
        daemon = try daemon.restarted()
        #expect(try daemon.parkctl(["audit", "verify"]).status == 0)

        // The wrong copy restored, another restored over it before parkd starts: compared with the
        // park the first replaced, which recorded D since.
        #expect(try daemon.parkctl(["tenant", "add", "--name", "D", "--credit-code", "91370200MA3C1234XQ"]).status == 0)
        daemon.stop()
        let wrong = try restore(first, ["--discard-newer"])
        #expect(wrong.status == 0, "\(wrong.stderr)")
        let over = try restore(second)
        #expect(over.status == 1 && over.stderr.contains("/parkd.sqlite.replaced-") && over.stderr.contains("io.parkd.Tenant.Create 1"), "\(over.stderr)")
        let right = try restore(second, ["--discard-newer"])
        #expect(right.status == 0, "\(right.stderr)")
        daemon = try daemon.restarted()
        let entry = try JSONDecoder().decode(AuditAPI.ListReply.self, from: Data(
            try daemon.parkctl(["--json", "audit", "list", "--method", "Service.Restore", "--limit", "1"]).stdout.utf8)).entries.first
        // The trail names the park as it was before either restore, and what the restore undid.
        #expect(entry?.parameters.canonicalText.contains(#""discarded":"1 change"#) == true, "\(String(describing: entry))")
        #expect(wrong.stdout.split(separator: "\n").last.map { line in entry?.parameters.canonicalText.contains(String(line.dropFirst("the database it replaced is kept as ".count))) == true } == true,
                "\(wrong.stdout) \(String(describing: entry))")

        // A note that names a database kept aside which is not there as the restore left it is
        // not taken at its word: the restore is refused rather than compared with it.
        daemon.stop()
        #expect(try restore(first, ["--discard-newer"]).status == 0)
        let notePath = daemon.directory + "/restored.json"
        var note = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: notePath))) as? [String: Any])
        note["keptAside"] = daemon.directory + "/elsewhere.sqlite"
        try JSONSerialization.data(withJSONObject: note).write(to: URL(fileURLWithPath: notePath))
        let forged = try restore(second)
        #expect(forged.status == 1 && forged.stderr.contains("its note cannot be taken at its word"), "\(forged.stderr)")
    }

    @Test("a backup that cannot be written says why in the system's words, exit 74, and parkd serves on")
    func backupBlocked() throws {
        let daemon = try RunningDaemon()
        try "not a directory\n".write(toFile: daemon.directory + "/backups", atomically: true, encoding: .utf8)
        let blocked = try daemon.parkctl(["backup", "now"])
        #expect(blocked.status == 74, "\(blocked.stderr)")
        #expect(blocked.stderr == "parkctl: no copy was made: \(daemon.directory)/backups: is not a directory; move what has its name away\n", "\(blocked.stderr)")
        #expect(try daemon.parkctl(["status"]).status == 0)
    }

    @Test("a monthly reward run whose period was approved and has not changed since succeeds, saying there is nothing to adjust")
    func monthlyRewardsUnchanged() throws {
        let daemon = try RunningDaemon(config: Self.timers("""
              - name: monthly-rewards
                on_calendar: "*-*-05 09:00"
                action: reward-run-monthly

            """) + Binaries.referencePolicies + Binaries.shippedCalendar, clock: "2026-03-02T09:00:00+08:00")
        let first = try daemon.parkctl(["timer", "run-now", "monthly-rewards"])
        #expect(first.status == 0 && first.stdout.contains("draft reward run 1 for 2026-02"), "\(first.stdout)\(first.stderr)")
        #expect(try daemon.parkctl(["reward", "approve", "1"]).status == 0)
        let again = try daemon.parkctl(["timer", "run-now", "monthly-rewards"])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("succeeded\n") && again.stdout.contains("approved for 2026-02; nothing to adjust"), "\(again.stdout)")
    }

    @Test("a monthly reward run moved from the month's last day, a day off, to the next month's first working day drafts the month before the elapse's, not the one before the day it ran")
    func movedRunKeepsItsMonth() throws {
        let daemon = try RunningDaemon(config: Self.timers("""
              - name: month-end-rewards
                on_calendar: "*-*~01 18:00"
                action: reward-run-monthly
                accuracy: 1s
                working_days_only: true
                on_holiday: next-working-day

            """) + Binaries.referencePolicies + Binaries.shippedCalendar, clock: "2026-10-31T17:59:58+08:00")
        // Saturday 31 October is a day off: the elapse moves to Monday 2 November.
        let moved = try #require(try list(daemon).timers.first)
        #expect(moved.next == Self.micros("2026-11-02T10:00:00Z") && moved.nextNote == "moved from 2026-10-31, a day off", "\(moved)")
        try daemon.setClock("2026-11-02T17:59:58+08:00")
        let runs = try waitForRuns(daemon) { $0.first?.outcome == "succeeded" }
        #expect(runs.first?.movedFrom == "2026-10-31")
        #expect(runs.first?.result.contains("draft reward run 1 for 2026-09") == true, "\(runs)")
    }

    @Test("a monthly reward run caught up after three missed elapses drafts the month before the latest of them, as that elapse would have")
    func caughtUpRunDraftsTheLatestMonth() throws {
        var daemon = try RunningDaemon(config: Self.timers("""
              - name: monthly-rewards
                on_calendar: "*-*-28 09:00"
                action: reward-run-monthly
                persistent: true

            """) + Binaries.referencePolicies + Binaries.shippedCalendar, clock: "2026-01-27T09:00:00+08:00")
        // Stopped from 27 January to 5 April: the elapses of 28 January, February and March are missed.
        daemon = try daemon.restarted(clock: "2026-04-05T09:00:00+08:00")
        let runs = try waitForRuns(daemon) { $0.first.map { $0.outcome != "running" } ?? false }
        #expect(runs.count == 1 && runs.first?.trigger == "catch-up", "\(runs)")
        #expect(runs.first?.result.contains("draft reward run 1 for 2026-02") == true, "\(runs)")
    }

    @Test("run-now runs a timer's action and waits for it; the backup action keeps its retention and lists what it did")
    func runNow() throws {
        let daemon = try RunningDaemon(config: Self.timers("""
              - name: nightly-backup
                on_calendar: "*-*-* 02:00"
                action: backup
                arguments:
                  keep_daily: 1
                  keep_monthly: 1

            """), clock: "2026-03-02T09:00:00+08:00")
        let first = try daemon.parkctl(["timer", "run-now", "nightly-backup"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("run 1 of nightly-backup (backup keep_daily=1 keep_monthly=1): succeeded\n"), "\(first.stdout)")
        // The test's clock runs on from where it was set: on a loaded machine the copy may be
        // named a second or two after it.
        let firstCopy = try #require(first.stdout.firstMatch(of: /copied the database to (parkd-20260302T01000\dZ\.sqlite)/)?.1, "\(first.stdout)")
        try daemon.setClock("2026-03-02T10:00:00+08:00")
        let second = try daemon.parkctl(["--json", "timer", "run-now", "nightly-backup"])
        let run = try JSONDecoder().decode(TimerAPI.RunReply.self, from: Data(second.stdout.utf8)).run
        #expect(run.trigger == "run-now" && run.elapse == nil && run.outcome == "succeeded")
        #expect(run.details.count == 2 && run.details.first?.wholeMatch(of: /.*\/backups\/parkd-20260302T02000\dZ\.sqlite/) != nil
            && run.details.first?.hasPrefix(daemon.directory + "/backups/") == true, "\(run.details)")
        #expect(run.details.last == "removed \(firstCopy)", "\(run.details)")
        // The copy records the run that made it as having done so: restored, it is no run parkd stopped midway.
        let copy = try #require(run.details.first)
        let inCopy = try runCommand("/usr/bin/sqlite3", [copy, "SELECT outcome, result, endedAt IS NOT NULL FROM timerRun WHERE id = \(run.id)"])
        #expect(inCopy.stdout == "succeeded|made this copy of the database|1\n", "\(inCopy.stdout)\(inCopy.stderr)")
        #expect(try list(daemon).timers.first?.last == nil, "a run asked for is not the timer's last trigger")
        #expect(try list(daemon).timers.first?.lastOutcome == nil, "nor is its outcome the last trigger's")
        let denied = try daemon.parkctl(["timer", "run-now", "nightly-backup"], uid: 65534, gid: 65534)
        #expect(denied.status == 77, "\(denied.stderr)")
    }

    @Test("after the clock is set back, a backup keeps the copy it just made, though copies made before it are named later")
    func backupAfterClockSetBack() throws {
        let daemon = try RunningDaemon(config: Self.timers("""
              - name: nightly-backup
                on_calendar: "*-*-* 02:00"
                action: backup
                arguments:
                  keep_daily: 7
                  keep_monthly: 12

            """), clock: "2026-03-17T10:00:00+08:00")
        #expect(try daemon.parkctl(["timer", "run-now", "nightly-backup"]).status == 0)
        try daemon.setClock("2026-03-17T09:00:00+08:00")
        #expect(try daemon.parkctl(["tenant", "add", "--name", "青岛英才人力资源有限公司", "--credit-code", "91370200163562681G"]).status == 0)
        let second = try daemon.parkctl(["--json", "timer", "run-now", "nightly-backup"])
        let run = try JSONDecoder().decode(TimerAPI.RunReply.self, from: Data(second.stdout.utf8)).run
        #expect(run.outcome == "succeeded" && run.details.count == 1, "nothing removed: \(run.details)")
        let copy = try #require(run.details.first)
        #expect(copy.wholeMatch(of: /.*\/backups\/parkd-20260317T01000\dZ\.sqlite/) != nil, "\(copy)")
        #expect(FileManager.default.fileExists(atPath: copy), "the copy just made, holding the tenant added since, is kept")
        #expect(try runCommand("/usr/bin/sqlite3", [copy, "SELECT count(*) FROM tenant"]).stdout == "1\n")
    }

    @Test("move-ins moves in an approved tenant whose first lease, signed ahead, has started, on its start day, audited as the timer")
    func moveIns() throws {
        let daemon = try RunningDaemon(config: Self.timers("""
              - name: move-ins
                on_calendar: "*-*-* 00:05"
                action: move-ins

            """), clock: "2026-03-02T09:00:00+08:00")
        _ = try daemon.parkctl(["tenant", "add", "--name", "青岛英才人力资源有限公司", "--credit-code", "91370200163562681G", "--on", "2026-02-02"])
        _ = try daemon.parkctl(["tenant", "transition", "1", "reviewing", "--on", "2026-02-10", "--reason", "材料齐全"])
        _ = try daemon.parkctl(["tenant", "transition", "1", "approved", "--on", "2026-02-20", "--reason", "评审通过"])
        _ = try daemon.parkctl(["unit", "add", "--building", "A", "--floor", "12", "--number", "1203", "--area", "120.50", "--kind", "office", "--rent", "45"])
        let signed = try daemon.parkctl(["lease", "add", "--tenant", "1", "--unit", "1", "--start", "2026-03-10", "--end", "2027-03-09", "--rent", "40"])
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(try daemon.parkctl(["tenant", "show", "1"]).stdout.contains("Status:             approved since 2026-02-20"))
        let early = try daemon.parkctl(["timer", "run-now", "move-ins"])
        #expect(early.stdout.hasPrefix("run 1 of move-ins (move-ins): succeeded\n"), "\(early.stdout)")
        #expect(early.stdout.contains("no approved tenant's first lease has started by 2026-03-02"), "\(early.stdout)")
        // The clock jumps past the start day (as when parkd was down): the timer elapses by itself,
        // and the move-in is the start day.
        try daemon.setClock("2026-03-12T00:04:58+08:00")
        let runs = try waitForRuns(daemon, "move-ins") { $0.contains { $0.trigger != "run-now" && $0.outcome != "running" } }
        let elapsed = try #require(runs.first { $0.trigger != "run-now" }, "\(runs)")
        #expect(elapsed.result == "moved in 1 tenant whose first lease has started", "\(elapsed)")
        #expect(elapsed.details == ["tenant 1 青岛英才人力资源有限公司 moved in on 2026-03-10: first lease 1 started"], "\(elapsed)")
        #expect(try daemon.parkctl(["tenant", "show", "1"]).stdout.contains("Status:             active since 2026-03-10"))
        let trail = try daemon.parkctl(["audit", "list", "--limit", "1"]).stdout
        #expect(trail.split(separator: "\n").contains { $0.contains("timer move-ins") && $0.contains("Tenant.Transition  ok") },
                "\(trail)")
        let again = try daemon.parkctl(["timer", "run-now", "move-ins"])
        #expect(again.stdout.contains("no approved tenant's first lease has started by 2026-03-12"), "\(again.stdout)")
    }
}
