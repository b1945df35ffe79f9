import Foundation

/// The C echo peer (`Benchmarks/EchoPeer/c-echo.c`, built by `make bench`) as a child process on
/// a socket of its own: the same do-nothing answer as `SocketEchoPeer`, without Swift's runtime.
final class CEchoPeer {
    let socketPath: String
    private let directory: URL
    private let process = Process()

    init(executable: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-bench-c-echo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        socketPath = directory.appendingPathComponent("echo.sock").path
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [socketPath]
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw BenchError("cannot start the C echo peer \(executable): \(error)")
        }
        // It prints "ready" once it listens, or exits.
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard line.hasPrefix("ready") else {
            stop()
            throw BenchError("the C echo peer did not start: \(line)")
        }
    }

    /// Kills the peer (it holds nothing worth a clean stop) and removes its socket.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
