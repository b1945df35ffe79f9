import ArgumentParser
import Foundation
import Logging
import NIOCore
import NIOPosix
import ParkControl
import ParkDaemon

@main
struct ParkdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parkd",
        abstract: "The operations daemon of an HR service industrial park.",
        discussion: """
            Runs in the foreground, serving the Varlink admin channel that parkctl talks to. \
            Without --config it runs on its embedded defaults.
            """,
        version: ParkVersion.current)

    @Option(name: .long, help: ArgumentHelp("YAML configuration file.", valueName: "file"))
    var config: String?

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("Directory of the database (overrides state_directory).", valueName: "dir"))
    var stateDirectory: String?

    @Option(name: .long, help: ArgumentHelp("Path of the admin socket (overrides socket.path).", valueName: "path"))
    var socket: String?

    @Option(name: .customLong("policy-dir"), help: ArgumentHelp("Directory of the policy files (overrides policies.directory).", valueName: "dir"))
    var policyDirectory: String?

    @Option(
        name: .customLong("calendar-dir"),
        help: ArgumentHelp("Directory of the working-day calendar's files (overrides calendar.directory).", valueName: "dir"))
    var calendarDirectory: String?

    @Option(
        name: .customLong("generate-audit-key"),
        help: ArgumentHelp("Write a new audit key to this file (readable by its owner only) and exit; never replaces one.", valueName: "file"))
    var generateAuditKey: String?

    @Option(
        name: .customLong("restore"),
        help: ArgumentHelp(
            "Put this copy of the database (a backup) in place of the state directory's, keeping the replaced one beside it, and exit. "
                + "Refused while a parkd runs on the state directory.",
            valueName: "file"))
    var restore: String?

    @Flag(
        name: .customLong("discard-newer"),
        help: "With --restore: restore a copy older than the database in place, undoing the changes its audit trail records after the copy's newest (listed).")
    var discardNewer = false

    @Flag(
        name: .customLong("audit-key-changed"),
        help: "Start although the audit key is not the one that sealed the audit trail's newest entry, or there is none (a key lost for good): audit verify then fails from the next entry on.")
    var auditKeyChanged = false

    @Flag(
        name: .customLong("check-config"),
        help: "Validate the configuration, the policy files and the calendar files and exit 0 (valid) or 1 (invalid).")
    var checkConfig = false

    /// The exit status of an error a restart does not mend (EX_CONFIG), listed in the units'
    /// `RestartPreventExitStatus=`.
    static let notMendedByRestart = ExitCode(78)

    static func main() async {
        // A SIGHUP (a reload asked for) before the reload service traps it would end parkd, its
        // default action: ignored until then, as the service's own handling leaves it.
        signal(SIGHUP, SIG_IGN)
        // One pool of threads for NIO and Swift Concurrency: a request then runs on the thread
        // that read it, with no hop between the event loop and the cooperative pool.
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    func run() async throws {
        if let path = generateAuditKey {
            do {
                print("\(path): a new audit key, id \(try Daemon.generateAuditKey(at: path))")
                return
            } catch {
                FileHandle.standardError.write(Data("parkd: \(error)\n".utf8))
                throw ExitCode.failure
            }
        }
        let options = DaemonOptions(
            configSource: config.map(ConfigSource.file) ?? .embeddedDefaults, stateDirectory: stateDirectory, socketPath: socket,
            policyDirectory: policyDirectory, calendarDirectory: calendarDirectory, auditKeyChanged: auditKeyChanged)
        let loaded: DaemonConfig
        do {
            loaded = try options.loadConfig()
        } catch {
            FileHandle.standardError.write(Data("parkd: \(error)\n".utf8))
            throw ExitCode.failure
        }
        if checkConfig {
            // The file is valid only if parkd could start with it: its socket group must exist.
            // Every part is checked, so that one run lists every problem.
            let configValid = Self.check {
                let socket = try Daemon.checkSocketGroup(loaded)
                return "\(options.configSource): configuration is valid; \(socket)"
            }
            let policiesValid = Self.check {
                let policies = try Daemon.checkPolicies(directory: loaded.policyDirectory)
                return "\(loaded.policyDirectory): \(policies.isEmpty ? "no policies" + Self.missing(loaded.policyDirectory) : "policies \(policies.joined(separator: ", ")) are valid")"
            }
            let calendarValid = Self.check {
                let years = try Daemon.checkCalendar(directory: loaded.calendarDirectory)
                return "\(loaded.calendarDirectory): \(years.map { "the calendar of \($0) is valid" } ?? "no calendar: no year is covered" + Self.missing(loaded.calendarDirectory))"
            }
            guard configValid, policiesValid, calendarValid else { throw ExitCode.failure }
            return
        }
        if let restore {
            do {
                let restored = try DatabaseRestore.restore(
                    file: restore, stateDirectory: loaded.stateDirectory, auditKeyFile: loaded.auditKeyFile, discardingLaterChanges: discardNewer,
                    at: Date())
                if let warning = restored.warning { FileHandle.standardError.write(Data("parkd: \(warning)\n".utf8)) }
                if let unread = restored.replacedUnread { FileHandle.standardError.write(Data("parkd: \(unread)\n".utf8)) }
                if let discarded = restored.discarded {
                    let payments = discarded.payments > 0
                        ? "; payments among them: before paying again, check the bank's records of the batches made since the copy" : ""
                    FileHandle.standardError.write(Data("parkd: undone, as --discard-newer asked: \(discarded.summary)\(payments)\n".utf8))
                }
                print("\(restore): restored as \(restored.database)")
                if let aside = restored.keptAside { print("the database it replaced is kept as \(aside)") }
                if !restored.pendingMigrations.isEmpty {
                    print("parkd upgrades its schema at the next start (\(restored.pendingMigrations.joined(separator: ", ")))")
                }
            } catch {
                FileHandle.standardError.write(Data("parkd: \(error)\n".utf8))
                throw ExitCode.failure
            }
            return
        }
        let logLevel = LogLevelControl(loaded.logLevel)
        DaemonLogging.bootstrap(target: loaded.logTarget, control: logLevel)
        let logger = Logger(label: "parkd")
        do {
            try await Daemon.run(options: options, config: loaded, logLevel: logLevel, logger: logger)
        } catch {
            logger.critical("parkd cannot run", metadata: NotableEvent.cannotRun.metadata(["error": "\(error)"]))
            throw error is any NotMendedByRestart ? Self.notMendedByRestart : ExitCode.failure
        }
    }

    /// " (the directory does not exist)" for a directory that is not there: parkd runs without
    /// it, and the check says why it found nothing.
    private static func missing(_ directory: String) -> String {
        FileManager.default.fileExists(atPath: directory) ? "" : " (the directory does not exist)"
    }

    /// Prints what a check found valid, or its problems on stderr; whether it passed.
    private static func check(_ body: () throws -> String) -> Bool {
        do {
            print(try body())
            return true
        } catch {
            FileHandle.standardError.write(Data("parkd: \(error)\n".utf8))
            return false
        }
    }
}
