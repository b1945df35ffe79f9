import Foundation
import Testing

/// The README runs as written: its ```console blocks are executed in order by one bash, in a
/// directory laid out like the repository under `make run` (`.state`, `.build/debug`, `Config`),
/// against fresh parkd instances, and what each command prints is compared with the README (see
/// `LooseMatch` for what may differ). `PARKD_README_UPDATE=1 swift test --skip-build --filter
/// ReadmeWalkthroughTests` rewrites the outputs that differ instead; review `git diff README.md`.
@Suite("README walk-through")
struct ReadmeWalkthroughTests {
    /// The repository directory the README's outputs show.
    static let shownDirectory = "/home/alice/parkd"

    @Test("every console block of the README prints what the README shows, and only commands shown failing fail")
    func readmeRunsAsWritten() throws {
        let readmePath = Binaries.repository + "/README.md"
        let walkthrough = ReadmeWalkthrough(text: try String(contentsOfFile: readmePath, encoding: .utf8))
        let update = ProcessInfo.processInfo.environment["PARKD_README_UPDATE"] == "1"
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-readme-\(UUID().uuidString.prefix(8))").path
        let work = root + "/parkd", logs = root + "/logs"
        for directory in [work + "/.build", logs] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createSymbolicLink(atPath: work + "/.build/debug", withDestinationPath: Binaries.directory)
        try FileManager.default.createSymbolicLink(atPath: work + "/Config", withDestinationPath: Binaries.repository + "/Config")
        try FileManager.default.createSymbolicLink(atPath: work + "/Tools", withDestinationPath: Binaries.repository + "/Tools")

        let script = WalkthroughScript(walkthrough: walkthrough, work: work, logs: logs)
        let outcomes = try script.run(timeout: 600)
        let commands = walkthrough.blocks.flatMap(\.commands)
        #expect(outcomes.count == commands.count,
                "the walk-through stopped after \(outcomes.count) of \(commands.count) commands; parkd's log:\n\(script.daemonLog(".state"))")

        var failures: [String] = []
        var replacements: [(ReadmeWalkthrough.Command, [String])] = []
        for (command, outcome) in zip(commands, outcomes) {
            let actual = outcome.output.map { $0.replacingOccurrences(of: work, with: Self.shownDirectory) }
            if outcome.status != 0, !command.text.contains("$?") {
                failures.append("README.md:\(command.line + 1): `\(command.text)` exited \(outcome.status); a command shown failing ends with `; echo \"exit $?\"`\n\(actual.joined(separator: "\n"))")
            }
            let expected = walkthrough.expected(command)
            guard !LooseMatch.equal(expected, actual) else { continue }
            if update {
                // A line that matches keeps the README's own text (its times and hashes stay).
                let merged = actual.enumerated().map { index, line in
                    index < expected.count && LooseMatch.equal([expected[index]], [line]) ? expected[index] : line
                }
                replacements.append((command, merged))
            } else {
                failures.append("""
                    README.md:\(command.line + 1): $ \(command.text)
                    --- expected (README)
                    \(expected.joined(separator: "\n"))
                    +++ actual
                    \(actual.joined(separator: "\n"))
                    """)
            }
        }
        if update, !replacements.isEmpty {
            var lines = walkthrough.lines
            for (command, output) in replacements.reversed() {
                let indent = String(repeating: " ", count: command.indent)
                lines.replaceSubrange(command.outputStart..<command.outputEnd, with: output.map { $0.isEmpty ? $0 : indent + $0 })
            }
            try lines.joined(separator: "\n").write(toFile: readmePath, atomically: true, encoding: .utf8)
            print("README.md: \(replacements.count) outputs rewritten; review git diff README.md")
        }
        for failure in failures { Issue.record("\(failure)") }
    }
}
