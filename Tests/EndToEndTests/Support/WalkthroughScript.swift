import Foundation

/// The README's walk-through as one bash script, run once: exports, `PATH` changes and files a
/// command writes carry over to the next command, as in a reader's terminal. Each command's
/// output (stderr merged into stdout, as a terminal shows both) and exit status are framed by
/// record-separator lines the script prints around it. The parkd instances the README asks for
/// (`make run`, `make run STATE_DIR=…`) are started by the script in the background, each with
/// its log under `logs`.
struct WalkthroughScript {
    struct Outcome {
        let output: [String]
        let status: Int32
    }

    private static let separator = "\u{1E}"

    let walkthrough: ReadmeWalkthrough
    /// The directory the commands run in, laid out like the repository under `make run`.
    let work: String
    let logs: String

    var text: String {
        var script = """
            exec 2>&1
            cd \(quoted(work)) || exit 99
            readme_start_parkd() {
              local directory=$1; shift
              local arguments=("$@")
              [ ${#arguments[@]} -eq 0 ] && arguments=(--policy-dir "$PWD/Config/policies" --calendar-dir "$PWD/Config/calendar")
              mkdir -p "$directory"
              \(quoted(Binaries.parkd)) --state-dir "$PWD/$directory" --socket "$PWD/$directory/control.sock" "${arguments[@]}" \\
                >>\(quoted(logs))/"${directory#.}.log" 2>&1 </dev/null &
              echo $! >>\(quoted(logs + "/pids"))
              local attempt
              for attempt in $(seq 600); do
                \(quoted(Binaries.parkctl)) --socket "$PWD/$directory/control.sock" log-level >/dev/null 2>&1 && return 0
                sleep 0.05
              done
              echo "readme-test: parkd on $directory did not answer"
            }
            readme_start_parkd .state

            """
        var number = 0
        for block in walkthrough.blocks {
            if let daemon = block.startsDaemon {
                script += "readme_start_parkd \(([daemon.stateDirectory] + daemon.arguments).joined(separator: " "))\n"
            }
            for command in block.commands {
                script += """
                    printf '\\036C %d\\n' \(number)
                    {
                    \(command.text)
                    } </dev/null
                    printf '\\036S %d\\n' "$?"

                    """
                number += 1
            }
        }
        script += "kill $(cat \(quoted(logs + "/pids"))) 2>/dev/null; wait\n"
        return script
    }

    /// Runs the script; the outcome of each command in walk-through order, fewer when the run
    /// ended early (`timeout` seconds, or bash stopped).
    func run(timeout: Double) throws -> [Outcome] {
        let scriptPath = logs + "/walkthrough.sh", outputPath = logs + "/walkthrough.out"
        try text.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        defer { try? output.close() }
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["--noprofile", "--norc", scriptPath]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "PARKD_SOCKET")
        environment.removeValue(forKey: "NOTIFY_SOCKET")
        environment.removeValue(forKey: "LISTEN_FDS")
        environment["LC_ALL"] = "C.UTF-8"
        bash.environment = environment
        bash.standardInput = FileHandle.nullDevice
        bash.standardOutput = output
        bash.standardError = output
        try bash.run()
        let deadline = Date().addingTimeInterval(timeout)
        while bash.isRunning, Date() < deadline { usleep(100_000) }
        defer { stopDaemons() }
        if bash.isRunning {
            bash.terminate()
            bash.waitUntilExit()
        }
        return Self.outcomes(String(decoding: try Data(contentsOf: URL(fileURLWithPath: outputPath)), as: UTF8.self))
    }

    /// What each command printed, from the script's framed output.
    static func outcomes(_ text: String) -> [Outcome] {
        text.components(separatedBy: separator + "C ").dropFirst().compactMap { chunk in
            guard let end = chunk.range(of: separator + "S ", options: .backwards),
                  let firstNewline = chunk.firstIndex(of: "\n") else { return nil }
            // A carriage return ending a line (CSV's CRLF) shows as nothing in a terminal.
            var output = String(chunk[chunk.index(after: firstNewline)..<end.lowerBound]).replacingOccurrences(of: "\r\n", with: "\n")
            if output.hasSuffix("\n") { output.removeLast() }
            let status = Int32(chunk[end.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
            return Outcome(output: output.isEmpty ? [] : output.components(separatedBy: "\n"), status: status)
        }
    }

    /// Stops every parkd the script started (it does so itself when it finishes).
    func stopDaemons() {
        guard let pids = try? String(contentsOfFile: logs + "/pids", encoding: .utf8) else { return }
        for pid in pids.split(separator: "\n").compactMap({ pid_t($0) }) { kill(pid, SIGTERM) }
    }

    /// The log of the parkd started on `stateDirectory`.
    func daemonLog(_ stateDirectory: String) -> String {
        (try? String(contentsOfFile: logs + "/" + stateDirectory.drop { $0 == "." } + ".log", encoding: .utf8)) ?? ""
    }

    private func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
}
