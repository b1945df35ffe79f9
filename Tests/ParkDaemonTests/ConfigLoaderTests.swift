import Foundation
import Logging
@testable import ParkDaemon
import ParkCore
import ParkPolicy
import Testing

@Suite("Configuration file")
struct ConfigLoaderTests {
    @Test("no file means the embedded defaults")
    func embedded() throws {
        let config = try ConfigLoader.load(.embeddedDefaults)
        #expect(config == DaemonConfig())
        #expect(config.socketMode == 0o660)
        #expect(config.stateDirectory == "/var/lib/parkd")
    }

    @Test("a reload's differences name the settings changed, as the file names them; every setting is compared")
    func differences() throws {
        #expect(DaemonConfig.settings.count == Mirror(reflecting: DaemonConfig()).children.count, "a setting left out of the comparison")
        var changed = DaemonConfig()
        #expect(changed.differences(from: DaemonConfig()).isEmpty)
        changed.adminGroup = "staff"
        changed.scoring.thresholdHundredths += 1
        changed.logLevel = .debug
        #expect(changed.differences(from: DaemonConfig()) == ["access.admin_group", "log.level", "reviews.scoring"])
        // What a reload cannot change stays as it runs, so that it is no difference in force.
        var restartOnly = changed
        restartOnly.stateDirectory = "/elsewhere"
        restartOnly.auditKeyFile = "/elsewhere/audit.key"
        restartOnly.intake.rescanSeconds += 1
        #expect(restartOnly.restartOnlyDifferences(from: changed) == ["state_directory", "audit.key_file", "intake"])
        #expect(restartOnly.keepingRestartOnlySettings(of: changed) == changed)
    }

    @Test("the shipped sample documents exactly the embedded defaults")
    func sampleMatchesDefaults() throws {
        let sample = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Config/parkd.yaml").path
        #expect(try ConfigLoader.load(.file(sample)) == DaemonConfig())
    }

    @Test("values are read and typed")
    func values() throws {
        let config = try ConfigLoader.parse("""
            state_directory: /srv/park
            socket:
              path: /run/park/admin.sock
              mode: 0600
              group: staff
              max_connections: 50
              message_timeout_seconds: 5
            access:
              admin_group: wheel
              auditor_group: finance
            park:
              time_zone: Asia/Tokyo
            log:
              level: debug
            shutdown:
              grace_seconds: 3
            database:
              busy_timeout_seconds: 9
            calendar:
              directory: /srv/park/calendar
            cashing:
              notice_days: 7
              confirmation: not-required
            """, file: "t.yaml")
        #expect(config.stateDirectory == "/srv/park")
        #expect(config.socketPath == "/run/park/admin.sock")
        #expect(config.socketMode == 0o600)
        #expect(config.socketGroup == "staff")
        #expect(config.socketMaxConnections == 50)
        #expect(config.socketMessageTimeoutSeconds == 5)
        #expect(config.adminGroup == "wheel")
        #expect(config.auditorGroup == "finance")
        #expect(config.timeZone == "Asia/Tokyo")
        #expect(config.logLevel == .debug)
        #expect(config.shutdownGraceSeconds == 3)
        #expect(config.databaseBusyTimeoutSeconds == 9)
        #expect(config.calendarDirectory == "/srv/park/calendar")
        #expect(config.noticeWorkingDays == 7 && !config.confirmationRequired)
    }

    @Test("errors name the file, line, column and key", arguments: [
        ("socket:\n  pth: /x\n", "t.yaml:2:3: socket.pth: unknown key"),
        ("stat_directory: /x\n", "t.yaml:1:1: stat_directory: unknown key"),
        ("log:\n  level: loud\n", "t.yaml:2:10: log.level: 'loud' is not a log level; use one of trace, debug, info, notice, warning, error, critical"),
        ("socket:\n  mode: 0999\n", "t.yaml:2:9: socket.mode: '0999' is not an octal permission mode such as 0660"),
        ("park:\n  time_zone: Mars/Olympus\n", "t.yaml:2:14: park.time_zone: 'Mars/Olympus' is not a time zone name such as Asia/Shanghai"),
        ("shutdown:\n  grace_seconds: -1\n", "t.yaml:2:18: shutdown.grace_seconds: '-1' must be a whole number from 0 to 600"),
        ("socket:\n  max_connections: 0\n", "t.yaml:2:20: socket.max_connections: '0' must be a whole number from 1 to 100000"),
        ("socket:\n  message_timeout_seconds: 1.5\n", "t.yaml:2:28: socket.message_timeout_seconds: '1.5' must be a whole number from 1 to 3600"),
        ("state_directory: relative/dir\n", "t.yaml:1:18: state_directory: 'relative/dir' must be a path starting with / or ."),
        ("socket: /run/x.sock\n", "t.yaml:1:9: socket: must be a mapping of keys to values"),
        ("access:\n  admin_group: \"a b\"\n", "t.yaml:2:16: access.admin_group: 'a b' is not a group name"),
        ("log: [\n", "t.yaml:2:1: not valid YAML: did not find expected node content"),
        ("cashing:\n  confirmation: maybe\n", "t.yaml:2:17: cashing.confirmation: 'maybe' is neither required nor not-required"),
        ("cashing:\n  notice_days: 0\n", "t.yaml:2:16: cashing.notice_days: '0' must be a whole number from 1 to 60"),
        ("socket:\n  path: /run/parkd/\(String(repeating: "p", count: 100)).sock\n",
         "t.yaml:2:9: socket.path: is 116 bytes long; a Unix socket's path has at most 107"),
    ])
    func errors(_ text: String, _ message: String) {
        #expect(throws: ConfigError.self) { try ConfigLoader.parse(text, file: "t.yaml") }
        do {
            _ = try ConfigLoader.parse(text, file: "t.yaml")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("the events feed directory is a path, empty for none")
    func eventFeed() throws {
        #expect(try ConfigLoader.parse("events:\n  feed_directory: /srv/www/events\n", file: "t.yaml").eventFeedDirectory == "/srv/www/events")
        #expect(try ConfigLoader.parse("events:\n  feed_directory: \"\"\n", file: "t.yaml").eventFeedDirectory == nil)
        #expect(throws: ConfigError.self) { try ConfigLoader.parse("events:\n  feed_directory: www\n", file: "t.yaml") }
        #expect(throws: ConfigError.self) { try ConfigLoader.parse("events:\n  feed: /srv\n", file: "t.yaml") }
    }

    @Test("parkd's --socket is held to the same limit as socket.path, and named")
    func socketOverride() throws {
        let long = "/run/parkd/" + String(repeating: "p", count: 100) + ".sock"
        #expect(throws: ConfigError(file: "--socket", line: nil, column: nil, key: nil,
                                    reason: "'\(long)' is 116 bytes long; a Unix socket's path has at most 107")) {
            try DaemonOptions(configSource: .embeddedDefaults, socketPath: long).loadConfig()
        }
        #expect(try DaemonOptions(configSource: .embeddedDefaults, socketPath: "/run/parkd/east.sock").loadConfig().socketPath == "/run/parkd/east.sock")
    }

    @Test("a park zone Foundation knows but the system's zone database lacks is refused: the scheduled jobs would count in UTC")
    func parkZoneInTheZoneDatabase() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-zoneinfo-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let text = "park:\n  time_zone: Asia/Shanghai\n"
        #expect(throws: ConfigError(
            file: "t.yaml", line: 2, column: 14, key: "park.time_zone",
            reason: "'Asia/Shanghai' is not in \(empty), where the scheduled jobs and the events read their zones (install tzdata)"
        )) { try ConfigLoader.parse(text, file: "t.yaml", zones: ZoneInfoDirectory(path: empty)) }
        #expect(try ConfigLoader.parse(text, file: "t.yaml").timeZone == "Asia/Shanghai", "the system's database has it")
    }

    @Test("review scoring: criteria with weights in order, veto items, the pass threshold; bad ones located")
    func scoring() throws {
        let config = try ConfigLoader.parse("""
            reviews:
              scoring:
                criteria:
                  quality: "60"
                  fit: "40.5"
                vetoes: {}
                pass_threshold: "65.5"
            """, file: "t.yaml")
        #expect(config.scoring == ScoringRules(restoring: [
            .init(name: "quality", weight: Score(halfPoints: 120)), .init(name: "fit", weight: Score(halfPoints: 81)),
        ], vetoes: [], thresholdHundredths: 6550))
        for (text, message) in [
            ("reviews:\n  scoring:\n    criteria:\n      quality: \"10.3\"\n",
             "t.yaml:4:16: reviews.scoring.criteria.quality: off the 0.5 step: scores go in steps of 0.5"),
            ("reviews:\n  scoring:\n    criteria: {}\n", "t.yaml:3:15: reviews.scoring: give at least one criterion"),
            ("reviews:\n  scoring:\n    weights: {}\n", "t.yaml:3:5: reviews.scoring.weights: unknown key"),
            ("reviews:\n  scoring:\n    pass_threshold: \"100.5\"\n",
             "t.yaml:3:21: reviews.scoring: 100.50 is above the most a sheet totals, 100.00: no applicant could pass"),
            ("reviews:\n  prescreen:\n    criteria: [creditCode, licences, creditCode]\n",
             "t.yaml:3:38: reviews.prescreen.criteria: creditCode is named twice"),
        ] {
            #expect(throws: ConfigError.self) { try ConfigLoader.parse(text, file: "t.yaml") }
            do {
                _ = try ConfigLoader.parse(text, file: "t.yaml")
            } catch {
                #expect(error.description == message)
            }
        }
    }

    @Test("a key given twice is refused")
    func duplicate() {
        #expect(throws: ConfigError.self) { try ConfigLoader.parse("log:\n  level: info\n  level: debug\n", file: "t.yaml") }
    }

    @Test("an empty file, or one of comments only, is refused naming the file")
    func empty() {
        for text in ["", "# nothing\n"] {
            #expect(throws: ConfigError(file: "t.yaml", line: nil, column: nil, key: nil,
                                        reason: "is empty (or holds only comments); a configuration file sets at least one key")) {
                try ConfigLoader.parse(text, file: "t.yaml")
            }
        }
    }

    @Test("an anchor or alias is refused, located")
    func alias() {
        #expect(throws: ConfigError(file: "t.yaml", line: 2, column: 16, key: nil,
                                    reason: "YAML anchors and aliases are not allowed in parkd's files: '*g' is an alias")) {
            try ConfigLoader.parse("access:\n  admin_group: *g\n", file: "t.yaml")
        }
    }

    /// A fresh directory for files of one test.
    func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-config-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func reason(_ path: String) -> String? {
        do {
            _ = try ConfigLoader.load(.file(path))
            return nil
        } catch {
            return error.reason
        }
    }

    @Test("a directory, a dangling or looping link and a file over the bound are named as such")
    func unreadable() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(reason(directory) == "is a directory")
        try FileManager.default.createSymbolicLink(atPath: directory + "/dangling.yaml", withDestinationPath: directory + "/missing.yaml")
        #expect(reason(directory + "/dangling.yaml") == "is a symbolic link to a missing file")
        try FileManager.default.createSymbolicLink(atPath: directory + "/loop.yaml", withDestinationPath: directory + "/loop.yaml")
        #expect(reason(directory + "/loop.yaml") == "is a symbolic link that loops")
        let big = directory + "/big.yaml"
        try ("log:\n  level: info\n" + String(repeating: "#", count: YAMLInput.maximumBytes)).write(toFile: big, atomically: true, encoding: .utf8)
        #expect(reason(big) == "is \(YAMLInput.maximumBytes + 19) bytes, larger than the 1048576 bytes (1 MiB) parkd reads from a YAML file")
    }

    @Test("a policy directory names an entry that is a directory or a dangling link")
    func policyDirectory() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/folder.yaml", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory + "/gone.yaml", withDestinationPath: directory + "/missing.yaml")
        do {
            _ = try PolicyRegistry.read(directory: directory)
            Issue.record("the directory was accepted")
        } catch {
            #expect(error.problems == [
                PolicyProblem(file: directory + "/folder.yaml", position: nil, message: "is a directory"),
                PolicyProblem(file: directory + "/gone.yaml", position: nil, message: "is a symbolic link to a missing file"),
            ])
        }
    }

    @Test("command-line overrides win over the file")
    func overrides() throws {
        let options = DaemonOptions(configSource: .embeddedDefaults, stateDirectory: "./.state", socketPath: "./.state/control.sock")
        let config = try options.loadConfig()
        #expect(config.stateDirectory == "./.state")
        #expect(config.socketPath == "./.state/control.sock")
    }

    @Test("reload tells which changed settings need a restart")
    func restartOnly() {
        var changed = DaemonConfig()
        changed.socketPath = "/elsewhere"
        changed.logLevel = .debug
        #expect(changed.restartOnlyDifferences(from: DaemonConfig()) == ["socket.path"])
    }
}
