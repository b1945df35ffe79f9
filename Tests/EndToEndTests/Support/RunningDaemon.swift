import Foundation

/// A real `parkd` on a temporary state directory, supervised the way systemd would:
/// the test owns its NOTIFY_SOCKET and its signals.
final class RunningDaemon: @unchecked Sendable {
    let directory: String
    let socketPath: String
    let configPath: String
    let notify: NotifySocket
    private let process = Process()
    private var exited = false

    var databasePath: String { directory + "/parkd.sqlite" }
    var logPath: String { directory + "/parkd.log" }
    var pid: Int32 { process.processIdentifier }

    /// Whether this daemon removes the state directory when it goes (a restart takes it over).
    private var ownsDirectory = true

    /// parkd's options after the configuration, state directory and socket (kept on restart).
    private let extraArguments: [String]
    /// The most files parkd may hold open (soft and hard limit), when the test sets one.
    private let openFilesLimit: Int?
    /// parkd's environment beyond the test's own (kept on restart).
    private let environment: [String: String]

    /// The clock file parkd reads "now" from when the test started it with a `clock`.
    var clockPath: String { directory + "/clock" }

    /// Starts parkd with `config` (YAML text) and `arguments`, and waits for READY=1. With a
    /// `clock` (an RFC 3339 instant), parkd's clock starts there (`PARKD_CLOCK_FILE`) and
    /// `setClock` moves it.
    convenience init(
        config: String = "", arguments: [String] = [], openFilesLimit: Int? = nil, environment: [String: String] = [:],
        clock: String? = nil, waitForReady: Bool = true
    ) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-e2e-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        // Hermetic: policies and the calendar come from the test's own directory unless the
        // test names one.
        let policies = config.contains("policies:") ? "" : "\npolicies:\n  directory: \(directory)/policies\n"
        let calendar = config.contains("calendar:") ? "" : "\ncalendar:\n  directory: \(directory)/calendar\n"
        try (config + policies + calendar).write(toFile: directory + "/parkd.yaml", atomically: true, encoding: .utf8)
        var environment = environment
        if let clock {
            try clock.write(toFile: directory + "/clock", atomically: true, encoding: .utf8)
            environment["PARKD_CLOCK_FILE"] = directory + "/clock"
        }
        try self.init(
            directory: directory, arguments: arguments, openFilesLimit: openFilesLimit, environment: environment, waitForReady: waitForReady)
    }

    /// Starts parkd on a state directory that already holds its configuration.
    private init(directory: String, arguments: [String], openFilesLimit: Int?, environment: [String: String], waitForReady: Bool) throws {
        self.directory = directory
        extraArguments = arguments
        self.openFilesLimit = openFilesLimit
        self.environment = environment
        socketPath = directory + "/control.sock"
        configPath = directory + "/parkd.yaml"
        let notifyPath = directory + "/notify.sock"
        unlink(notifyPath)
        notify = try NotifySocket(path: notifyPath)
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let parkdArguments = ["--config", configPath, "--state-dir", directory, "--socket", socketPath] + arguments
        if let openFilesLimit {
            // prlimit sets the limits and then becomes parkd (same process).
            process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
            process.arguments = ["--nofile=\(openFilesLimit):\(openFilesLimit)", Binaries.parkd] + parkdArguments
        } else {
            process.executableURL = URL(fileURLWithPath: Binaries.parkd)
            process.arguments = parkdArguments
        }
        var env = ProcessInfo.processInfo.environment
        env["NOTIFY_SOCKET"] = notify.path
        // A crash prints its backtrace into the log the test shows.
        env["SWIFT_BACKTRACE"] = "enable=yes,interactive=no"
        env.removeValue(forKey: "LISTEN_FDS")
        env.merge(environment) { _, new in new }
        process.environment = env
        let log = FileHandle(forWritingAtPath: logPath)
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        if waitForReady {
            guard notify.wait(for: "READY=1") != nil else {
                stop()
                throw DaemonFailure(message: "parkd did not become ready:\n\(self.log)")
            }
        }
    }

    /// A new parkd on this one's state directory and configuration, once this one has exited;
    /// the directory becomes the new daemon's to remove.
    /// With a `clock`, the clock file is set to it while no parkd runs (a restart after time has
    /// passed).
    func restarted(clock: String? = nil) throws -> RunningDaemon {
        stop()
        if let clock { try setClock(clock) }
        ownsDirectory = false
        return try RunningDaemon(directory: directory, arguments: extraArguments, openFilesLimit: openFilesLimit, environment: environment, waitForReady: true)
    }

    /// A new parkd on the state directory and configuration of `stopped` (which has exited), with
    /// `arguments` of its own; the directory becomes the new daemon's to remove.
    convenience init(directoryOf stopped: RunningDaemon, arguments: [String]) throws {
        stopped.ownsDirectory = false
        try self.init(
            directory: stopped.directory, arguments: arguments, openFilesLimit: stopped.openFilesLimit, environment: stopped.environment,
            waitForReady: true)
    }

    /// Sets parkd's clock (started with a `clock`) to `instant`, from where it runs on.
    func setClock(_ instant: String) throws {
        try instant.write(toFile: clockPath, atomically: true, encoding: .utf8)
    }

    deinit {
        stop()
        if ownsDirectory { try? FileManager.default.removeItem(atPath: directory) }
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Runs parkctl against this daemon, optionally as another user (`setpriv`).
    func parkctl(_ arguments: [String], uid: UInt32? = nil, gid: UInt32? = nil, environment: [String: String] = [:]) throws -> CommandResult {
        let environment = environment.merging(["PARKD_SOCKET": socketPath]) { _, socket in socket }
        guard let uid else { return try runCommand(Binaries.parkctl, arguments, environment: environment) }
        let identity = ["--reuid=\(uid)", "--regid=\(gid ?? uid)", "--clear-groups"]
        return try runCommand("/usr/bin/setpriv", identity + [Binaries.parkctl] + arguments, environment: environment)
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Stops the daemon (SIGSTOP) and waits until every one of its threads has stopped: until
    /// then a thread woken just before may still read what it was waiting for.
    func stopAndWait(timeout: Double = 10) {
        signal(SIGSTOP)
        let tasks = "/proc/\(process.processIdentifier)/task"
        func stopped() -> Bool {
            guard let threads = try? FileManager.default.contentsOfDirectory(atPath: tasks), !threads.isEmpty else { return false }
            return threads.allSatisfy { thread in
                // The state follows the command's closing parenthesis: "T" once stopped.
                guard let stat = try? String(contentsOfFile: "\(tasks)/\(thread)/stat", encoding: .utf8),
                      let close = stat.lastIndex(of: ")") else { return false }
                return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first == "T"
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while !stopped(), Date() < deadline { usleep(1_000) }
    }

    /// Waits for the process to end; its exit status, or nil on time-out.
    func waitForExit(timeout: Double = 15) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        guard !process.isRunning else { return nil }
        exited = true
        return process.terminationStatus
    }

    func stop() {
        guard !exited else { return }
        if process.isRunning {
            signal(SIGKILL)
            process.waitUntilExit()
        }
        exited = true
    }
}

struct DaemonFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
