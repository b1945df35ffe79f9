import Foundation
import ParkControl

/// A benchmark failure, reported on stderr before exiting non-zero.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A parkd child process on a private temporary state directory.
///
/// Its stdout and stderr go to a log file in that directory rather than to our terminal:
/// the daemon logs every connection, which would bury the table, and a pipe nobody drains
/// could fill up and stall it. The log's tail is shown when the daemon fails to start.
final class DaemonProcess {
    let directory: URL
    let socketPath: String
    private let logPath: String
    private let process = Process()

    /// Starts `executable` (reading the policies in `policies`, if given) and returns once its
    /// socket accepts a connection (within `readyTimeout`).
    init(executable: String, policies: String? = nil, readyTimeout: Duration = .seconds(10)) async throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchError("parkd binary '\(executable)' does not exist or is not executable")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-bench-\(UUID().uuidString)")
        socketPath = directory.appendingPathComponent("control.sock").path
        logPath = directory.appendingPathComponent("parkd.log").path
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw BenchError("cannot create the temporary directory \(directory.path): \(error)")
        }
        guard FileManager.default.createFile(atPath: logPath, contents: nil),
            let log = FileHandle(forWritingAtPath: logPath)
        else {
            removeDirectory()
            throw BenchError("cannot create parkd's log file \(logPath)")
        }

        process.executableURL = URL(fileURLWithPath: executable)
        var arguments = ["--state-dir", directory.path, "--socket", socketPath]
        if let policies {
            let config = directory.appendingPathComponent("parkd.yaml").path
            do {
                try "policies:\n  directory: \(policies)\n".write(toFile: config, atomically: true, encoding: .utf8)
            } catch {
                removeDirectory()
                throw BenchError("cannot write parkd's configuration \(config): \(error)")
            }
            arguments += ["--config", config]
        }
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        do {
            try process.run()
        } catch {
            removeDirectory()
            throw BenchError("cannot start parkd at \(executable): \(error)")
        }

        // Poll: parkd has no readiness signal outside systemd, and a connect is the real test.
        let clock = ContinuousClock()
        let deadline = clock.now + readyTimeout
        while true {
            if !process.isRunning {
                let failure = BenchError("parkd exited (status \(process.terminationStatus)) before its socket was ready; its log ends:\n\(logTail())")
                removeDirectory()
                throw failure
            }
            if let connection = try? await VarlinkConnection.connect(socketPath: socketPath) {
                await connection.close()
                return
            }
            if clock.now >= deadline {
                let failure = BenchError("parkd did not accept connections on \(socketPath) within \(readyTimeout); its log ends:\n\(logTail())")
                _ = await stop()
                throw failure
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Sends SIGTERM, waits for the exit (SIGKILL after a bound), removes the directory,
    /// and returns a complaint if the daemon did not exit cleanly with status 0.
    func stop(grace: Duration = .seconds(15)) async -> String? {
        var complaint: String?
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            let clock = ContinuousClock()
            let deadline = clock.now + grace
            while process.isRunning && clock.now < deadline {
                try? await Task.sleep(for: .milliseconds(20))
            }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                complaint = "parkd did not exit within \(grace) of SIGTERM and was killed"
            }
            process.waitUntilExit()
        }
        if complaint == nil && (process.terminationReason != .exit || process.terminationStatus != 0) {
            complaint = "parkd stopped with \(process.terminationReason == .exit ? "status" : "signal") \(process.terminationStatus); its log ends:\n\(logTail())"
        }
        removeDirectory()
        return complaint
    }

    private func logTail(lines: Int = 20) -> String {
        guard let data = FileManager.default.contents(atPath: logPath) else { return "(no log)" }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    private func removeDirectory() {
        try? FileManager.default.removeItem(at: directory)
    }
}
