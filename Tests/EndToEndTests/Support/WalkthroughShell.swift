import Foundation

/// One long-lived bash for the README's commands, so exports and PATH changes persist between
/// them. Its stderr is its stdout (a reader's terminal shows both); commands read no input.
final class WalkthroughShell {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private static let sentinel = "\u{1E}README-STATUS "

    init(directory: String) throws {
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["--noprofile", "--norc"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "PARKD_SOCKET")
        environment["LC_ALL"] = "C.UTF-8"
        environment["PWD"] = directory
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        try send("exec 2>&1\n")
    }

    private func send(_ text: String) throws {
        try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }

    /// Runs one command; what it printed and its exit status.
    func run(_ command: String, timeout: Double = 120) throws -> (String, Int32) {
        try send("{\n\(command)\n} </dev/null\nprintf '\\036README-STATUS %d\\036' \"$?\"\n")
        var data = Data()
        let fd = output.fileHandleForReading.fileDescriptor
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 1000) > 0 else { continue }
            let count = read(fd, &buffer, buffer.count)
            guard count > 0 else { break }
            data.append(contentsOf: buffer[0..<count])
            let text = String(decoding: data, as: UTF8.self)
            if let range = text.range(of: Self.sentinel), text.hasSuffix("\u{1E}") {
                let status = Int32(text[range.upperBound...].dropLast()) ?? -1
                return (String(text[..<range.lowerBound]), status)
            }
        }
        throw DaemonFailure(message: "`\(command)` did not finish within \(timeout) s:\n\(String(decoding: data, as: UTF8.self))")
    }

    func stop() {
        if process.isRunning { process.terminate(); process.waitUntilExit() }
    }
}

/// A parkd started the way `make run STATE_DIR=$PWD/DIR` starts one: embedded defaults, state
/// and socket in DIR, the shipped policies.
final class WalkthroughParkd {
    private let process = Process()
    let logPath: String

    init(work: String, stateDirectory: String, log: String) throws {
        let state = work + "/" + stateDirectory
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        logPath = log
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = URL(fileURLWithPath: Binaries.parkd)
        process.arguments = ["--state-dir", state, "--socket", state + "/control.sock", "--policy-dir", work + "/Config/policies"]
        process.currentDirectoryURL = URL(fileURLWithPath: work)
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "NOTIFY_SOCKET")
        environment.removeValue(forKey: "LISTEN_FDS")
        process.environment = environment
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = FileHandle(forWritingAtPath: log)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if (try? runCommand(Binaries.parkctl, ["--socket", state + "/control.sock", "log-level"]))?.status == 0 { return }
            usleep(50_000)
        }
        stop()
        throw DaemonFailure(message: "parkd on \(stateDirectory) did not answer:\n\(self.log)")
    }

    var isRunning: Bool { process.isRunning }
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func stop() {
        if process.isRunning { process.terminate(); process.waitUntilExit() }
    }
}
