import Foundation
import ParkCore
import Testing

/// A state directory that another user could steer, or that cannot be written, is refused at
/// start; a database that goes away while parkd runs stops it; a full, locked or read-only
/// database is named as such (issue 18's findings 6 and 8).
@Suite("The state directory and the storage under it", .serialized)
struct StateDirectoryTests {
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-state-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        return path
    }

    /// Runs `body` on a 4 MiB tmpfs of its own (a disk a test can fill), unmounted and removed after.
    static func onSmallFileSystem(_ body: (String) throws -> Void) throws {
        let mountPoint = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: mountPoint) }
        let mounted = try runCommand("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=4m,mode=0755", "tmpfs", mountPoint])
        try #require(mounted.status == 0, "cannot mount a tmpfs here: \(mounted.stderr)")
        defer { _ = try? runCommand("/usr/bin/umount", ["-l", mountPoint]) }
        try body(mountPoint)
    }

    /// Runs parkd on `stateDirectory` and returns its exit status and what it logged, when it
    /// refuses to start.
    static func start(stateDirectory: String, socketDirectory: String) throws -> CommandResult {
        try runCommand("/usr/bin/timeout", [
            "20", Binaries.parkd, "--state-dir", stateDirectory, "--socket", socketDirectory + "/control.sock",
        ])
    }

    @Test("a state directory that is a symbolic link, writable by everyone or someone else's is refused, naming the problem")
    func steeredDirectories() throws {
        let base = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let real = base + "/real"
        try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])

        try FileManager.default.createSymbolicLink(atPath: base + "/link", withDestinationPath: real)
        let link = try Self.start(stateDirectory: base + "/link", socketDirectory: base)
        #expect(link.status == 78)
        #expect(link.stderr.contains("\(base)/link: is a symbolic link (to \(real)); parkd does not follow links for its state directory: name the real path"), "\(link.stderr)")

        let open = base + "/open"
        try FileManager.default.createDirectory(atPath: open, withIntermediateDirectories: true)
        chmod(open, 0o777)
        let everyone = try Self.start(stateDirectory: open, socketDirectory: base)
        #expect(everyone.status == 78)
        #expect(everyone.stderr.contains("\(open): is writable by every user (mode 0777); remove that with chmod o-w \(open)"), "\(everyone.stderr)")

        let foreign = base + "/foreign"
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        chown(foreign, 65534, 65534)
        let someoneElses = try Self.start(stateDirectory: foreign, socketDirectory: base)
        #expect(someoneElses.status == 78)
        #expect(someoneElses.stderr.contains("\(foreign): belongs to uid 65534, not to parkd's user (uid 0)"), "\(someoneElses.stderr)")

        // The database may not be a link either: it would turn another file into the park.
        try FileManager.default.createSymbolicLink(atPath: real + "/parkd.sqlite", withDestinationPath: "/etc/passwd")
        let database = try Self.start(stateDirectory: real, socketDirectory: base)
        #expect(database.status == 78)
        #expect(database.stderr.contains("\(real)/parkd.sqlite: is a symbolic link (to /etc/passwd); parkd does not follow links for its database"), "\(database.stderr)")

        // Nor a second name of a file kept elsewhere: what parkd wrote would change that file too.
        unlink(real + "/parkd.sqlite")
        #expect(FileManager.default.createFile(atPath: base + "/elsewhere", contents: Data()))
        #expect(Glibc.link(base + "/elsewhere", real + "/parkd.sqlite") == 0)
        let hardLink = try Self.start(stateDirectory: real, socketDirectory: base)
        #expect(hardLink.status == 78)
        #expect(hardLink.stderr.contains("\(real)/parkd.sqlite: has 2 names (hard links); the park's database must have one, in the state directory"), "\(hardLink.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: base + "/elsewhere")[.size] as? Int == 0)
    }

    @Test("parkd creates its state directory and database for its group only")
    func createdPrivate() throws {
        let base = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let daemon = try RunningDaemon(arguments: ["--state-dir", base + "/new"])
        defer { daemon.stop() }
        let directory = try FileManager.default.attributesOfItem(atPath: base + "/new")
        #expect((directory[.posixPermissions] as? Int) == 0o750)
        let database = try FileManager.default.attributesOfItem(atPath: base + "/new/parkd.sqlite")
        #expect(((database[.posixPermissions] as? Int) ?? 0o777) & 0o007 == 0)
        #expect(daemon.log.contains("created a new, empty park database"))
    }

    @Test("a database deleted while parkd runs stops it loudly, and no restart makes a new, empty park in its place")
    func databaseDeleted() throws {
        let daemon = try RunningDaemon(environment: ["WATCHDOG_USEC": "1000000"])
        #expect(try daemon.parkctl(["tenant", "add", "--name", "A", "--credit-code", "91370200163562681G"]).status == 0)
        #expect(rename(daemon.databasePath, daemon.directory + "/moved.sqlite") == 0)
        let status = daemon.waitForExit(timeout: 10)
        #expect(status == 78, "exit status 78, which the units do not restart: \(daemon.log)")
        #expect(daemon.log.contains("the database was deleted or moved away while parkd ran"), "\(daemon.log)")
        // What Restart= would do: refused, the park's receipt key being there, and nothing created.
        let restarted = try Self.start(stateDirectory: daemon.directory, socketDirectory: daemon.directory)
        #expect(restarted.status == 78, "\(restarted.stderr)")
        #expect(restarted.stderr.contains(
            "\(daemon.databasePath): is missing, but the state directory holds the park's receipt-key: put the database back (parkd --restore BACKUP)"),
            "\(restarted.stderr)")
        #expect(!FileManager.default.fileExists(atPath: daemon.databasePath))
    }

    @Test("a change made after the database file was replaced, before the health check stops parkd, is refused, not acknowledged and lost")
    func databaseReplaced() throws {
        let daemon = try RunningDaemon()
        #expect(try daemon.parkctl(["tenant", "add", "--name", "A", "--credit-code", "91370200163562681G"]).status == 0)
        let copy = daemon.directory + "/copy.sqlite"
        #expect(try runCommand("/usr/bin/sqlite3", [daemon.databasePath, ".backup '\(copy)'"]).status == 0)
        #expect(rename(copy, daemon.databasePath) == 0)
        let refused = try daemon.parkctl(["tenant", "add", "--name", "B", "--credit-code", "91110000802100433B"])
        #expect(refused.status == 74, "\(refused.stderr)")
        #expect(refused.stderr.contains("\(daemon.databasePath) is no longer the database parkd opened: it was moved, removed or replaced"), "\(refused.stderr)")
        #expect(daemon.log.contains("request refused: storage"), "\(daemon.log)")
    }

    @Test("a database locked by another process is named, with the process, and nothing changes")
    func databaseBusy() throws {
        let daemon = try RunningDaemon(config: "database:\n  busy_timeout_seconds: 1\n")
        let lock = try DatabaseWriteLock(database: daemon.databasePath)
        let added = try daemon.parkctl(["tenant", "add", "--name", "A", "--credit-code", "91370200163562681G"])
        #expect(added.status == 75)
        #expect(added.stderr.hasPrefix("parkctl: parkd's database is locked by another process"), "\(added.stderr)")
        // The holder is named when /proc/locks shows it (it does here, unless the lock was
        // between holders at that instant).
        if added.stderr.contains("(pid ") {
            #expect(added.stderr.contains("(pid \(lock.pid))"), "\(added.stderr)")
        }
        try lock.end()
        #expect(try daemon.parkctl(["--json", "tenant", "list"]).stdout.contains("91370200163562681G") == false)
    }

    /// `parkctl status`'s Integrity line, once the check has ended (nil if it has not within 20 s).
    static func checkedIntegrity(_ daemon: RunningDaemon) throws -> String? {
        for _ in 0..<200 {
            let line = try daemon.parkctl(["status"]).stdout.split(separator: "\n").first { $0.hasPrefix("Integrity:") }
            if let line, !line.contains("checking") { return String(line) }
            usleep(100_000)
        }
        return nil
    }

    @Test("the database is checked once parkd serves: sound is shown in parkctl status, damage is reported loudly while parkd serves")
    func integrityCheckedWhileServing() throws {
        let daemon = try RunningDaemon()
        let demo = SystemdTests.repository.appendingPathComponent("Config/demo").path
        #expect(try daemon.parkctl(["demo", "load", "--from", demo]).status == 0)
        let sound = try #require(try Self.checkedIntegrity(daemon))
        #expect(sound.range(of: #"^Integrity: +sound \(quick_check at \S+Z in \d+\.\d\d s\)$"#, options: .regularExpression) != nil, "\(sound)")
        #expect(daemon.log.contains("the database passed PRAGMA quick_check"))
        // --json gives the time in whole milliseconds, not a binary fraction's digits.
        let statusJSON = try daemon.parkctl(["--json", "status"]).stdout
        #expect(statusJSON.range(of: #""seconds" : \d+(\.\d{1,3})?[,\n ]"#, options: .regularExpression) != nil, "\(statusJSON)")

        // Spoil a page of the monthly reports, which nothing reads at start.
        daemon.stop()
        let page = try runCommand("/usr/bin/sqlite3", [
            daemon.databasePath, "SELECT pageno FROM dbstat WHERE name = 'operatingReport' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 3",
        ]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let pageSize = try runCommand("/usr/bin/sqlite3", [daemon.databasePath, "PRAGMA page_size"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let offset = try #require(Int(page).flatMap { page in Int(pageSize).map { (page - 1) * $0 } }, "page \(page), size \(pageSize)")
        let file = try #require(FileHandle(forUpdatingAtPath: daemon.databasePath))
        try file.seek(toOffset: UInt64(offset))
        try file.write(contentsOf: Data(repeating: 0xFF, count: 64))
        try file.close()

        // parkd starts and serves all the same, and says what is wrong.
        let restarted = try daemon.restarted()
        let damaged = try #require(try Self.checkedIntegrity(restarted), "\(restarted.log)")
        #expect(damaged.hasPrefix("Integrity:       DAMAGED (quick_check at "), "\(damaged)")
        #expect(restarted.log.contains("the database is damaged (PRAGMA quick_check): "), "\(restarted.log)")
        #expect(restarted.log.contains("stop parkd and restore the latest backup (parkd --restore FILE)"))
        #expect(try restarted.parkctl(["tenant", "list"]).status == 0)
        let json = try restarted.parkctl(["--json", "status"]).stdout
        #expect(json.range(of: #""state" ?: ?"damaged""#, options: .regularExpression) != nil, "\(json)")
    }

    @Test("a stop that cannot move the write-ahead log into the database (a full disk) exits 1 saying the two files go together; started again with room, nothing is lost")
    func stopOnAFullDisk() throws {
        try Self.onSmallFileSystem { mountPoint in
            let daemon = try RunningDaemon(arguments: ["--state-dir", mountPoint + "/state"])
            // New rows, in pages past the database file's end, wait in the log for the stop's checkpoint.
            for serial in 1...40 {
                let digits = String(serial)
                let code = CreditCode.completing("9137021" + String(repeating: "0", count: 10 - digits.count) + digits)!
                let added = try daemon.parkctl(["tenant", "add", "--name", "人力资源公司\(serial)" + String(repeating: "园", count: 60), "--credit-code", code])
                #expect(added.status == 0, "\(added.stderr)")
            }
            _ = try runCommand("/usr/bin/dd", ["if=/dev/zero", "of=\(mountPoint)/filler", "bs=64k"])
            daemon.signal(SIGTERM)
            #expect(daemon.waitForExit() == 1, "\(daemon.log)")
            #expect(daemon.log.contains("-wal holds changes \(mountPoint)/state/parkd.sqlite does not; keep the two together (copy both)"), "\(daemon.log)")
            unlink(mountPoint + "/filler")
            let again = try RunningDaemon(directoryOf: daemon, arguments: ["--state-dir", mountPoint + "/state"])
            #expect(try again.parkctl(["tenant", "list"]).stdout.components(separatedBy: "\n").count == 42)
            again.stop()
        }
    }

    @Test("a stop while another process reads the database (sqlite3's .backup) is clean: every change is in parkd.sqlite though the log cannot be truncated")
    func stopWhileRead() throws {
        let daemon = try RunningDaemon()
        #expect(try daemon.parkctl(["tenant", "add", "--name", "A", "--credit-code", "91370200163562681G"]).status == 0)
        let reader = Process(), input = Pipe(), output = Pipe()
        reader.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        reader.arguments = [daemon.databasePath]
        reader.standardInput = input
        reader.standardOutput = output
        try reader.run()
        input.fileHandleForWriting.write(Data("BEGIN;\nSELECT 'reading', count(*) FROM tenant;\n".utf8))
        #expect(String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).contains("reading"))
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: 30) == 0, "\(daemon.log)")
        #expect(!daemon.log.contains("did not close cleanly"), "\(daemon.log)")
        input.fileHandleForWriting.write(Data("COMMIT;\n".utf8))
        try input.fileHandleForWriting.close()
        reader.waitUntilExit()
    }

    @Test("a full disk is named as such, and a state directory on a read-only file system is refused at start")
    func fullAndReadOnly() throws {
        try Self.onSmallFileSystem { mountPoint in
            let daemon = try RunningDaemon(arguments: ["--state-dir", mountPoint + "/state"])
            #expect(try daemon.parkctl(["tenant", "add", "--name", "A", "--credit-code", "91370200163562681G"]).status == 0)
            // Fill the file system, then ask for a change.
            _ = try runCommand("/usr/bin/dd", ["if=/dev/zero", "of=\(mountPoint)/filler", "bs=64k"])
            // Each change appends to the write-ahead log until one finds no room.
            var full = try daemon.parkctl(["tenant", "add", "--name", "B", "--credit-code", "91110000802100433B"])
            for number in 0..<300 where full.status == 0 || full.status == 65 {
                full = try daemon.parkctl(["tenant", "update", "1", "--name", "A\(number)" + String(repeating: "园", count: 60)])
            }
            #expect(full.status == 74, "\(full.stderr)")
            #expect(full.stderr == "parkctl: the disk holding parkd's database is full; nothing was changed: free space on it and try again\n")
            // A backup that finds no room for its copy says whose file system is full.
            let backups = mountPoint + "/state/backups"
            let copy = try daemon.parkctl(["backup", "now"])
            #expect(copy.status == 74, "\(copy.stderr)")
            #expect(copy.stderr.hasPrefix("parkctl: no copy was made: \(backups)/parkd-"), "\(copy.stderr)")
            #expect(copy.stderr.hasSuffix(".sqlite: no space left on the file system of \(backups)\n"), "\(copy.stderr)")
            unlink(mountPoint + "/filler")
            // A file system of their own mounted on backups/, read-only: said so, not an internal error.
            let readOnly = try runCommand("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", backups])
            try #require(readOnly.status == 0, "\(readOnly.stderr)")
            let refusedCopy = try daemon.parkctl(["backup", "now"])
            _ = try runCommand("/usr/bin/umount", ["-l", backups])
            #expect(refusedCopy.status == 74, "\(refusedCopy.stderr)")
            #expect(refusedCopy.stderr.hasSuffix(".sqlite: \(backups) is on a read-only file system\n"), "\(refusedCopy.stderr)")
            daemon.stop()

            // The file system read-only (as a failing disk is remounted), parkd refuses to start
            // rather than serve a park it could never change.
            let remounted = try runCommand("/usr/bin/mount", ["-o", "remount,ro", mountPoint])
            try #require(remounted.status == 0, "\(remounted.stderr)")
            let refused = try Self.start(stateDirectory: mountPoint + "/state", socketDirectory: FileManager.default.temporaryDirectory.path)
            #expect(refused.status == 78)
            #expect(refused.stderr.contains("\(mountPoint)/state: is on a read-only file system; parkd could not record any change"), "\(refused.stderr)")
        }
    }
}
