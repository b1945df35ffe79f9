import Foundation

/// The built `parkd` and `parkctl`, found next to the test bundle (same build directory).
enum Binaries {
    static let directory: String = {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        for candidate in candidates {
            var url = candidate
            // The bundle may sit inside `X.xctest/...`; walk up to the build directory.
            for _ in 0..<4 {
                if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("parkd").path) { return url.path }
                url.deleteLastPathComponent()
            }
        }
        return packageRoot.appendingPathComponent(".build/debug").path
    }()

    /// The package's root directory (for Config/).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// Configuration text reading the shipped reference policies.
    static var referencePolicies: String { "policies:\n  directory: \(repository)/Config/policies\n" }

    /// Configuration text reading the shipped working-day calendar.
    static var shippedCalendar: String { "calendar:\n  directory: \(repository)/Config/calendar\n" }

    static var parkd: String { directory + "/parkd" }
    static var parkctl: String { directory + "/parkctl" }

    /// Scripts shipped with the test target.
    static func script(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scripts/\(name)").path
    }
}

/// The result of running a command to completion.
struct CommandResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs a program and waits for it, capturing its output.
func runCommand(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes concurrently so a full pipe never blocks the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}
