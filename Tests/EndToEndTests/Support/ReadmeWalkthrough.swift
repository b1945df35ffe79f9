import Foundation

/// The README's ```console blocks as a walk-through: commands (`$ ` lines, with their `\`
/// continuation lines and here-documents) and the output each is expected to print.
///
/// Markers, an HTML comment on the line before a block:
/// - `<!-- readme-test: not-run REASON -->`: the block is documentation only;
/// - `<!-- readme-test: start-parkd DIR [ARGUMENT…] -->`: before the block, a fresh parkd is
///   started the way `make run STATE_DIR=$PWD/DIR` starts one (its socket `DIR/control.sock`);
///   arguments given replace the shipped policy and calendar directories `make run` passes.
struct ReadmeWalkthrough {
    struct Command {
        /// 0-based README line of the `$ ` line.
        let line: Int
        /// The command's lines without the `$ ` prompt (continuations and here-documents included).
        let text: String
        /// README lines [outputStart, outputEnd) holding the expected output.
        let outputStart: Int
        let outputEnd: Int
        /// The indentation of the block (a block inside a list item), put back on rewritten output.
        let indent: Int
    }

    /// A parkd that a block needs started before it runs.
    struct Daemon {
        let stateDirectory: String
        let arguments: [String]
    }

    struct Block {
        let line: Int
        let startsDaemon: Daemon?
        let commands: [Command]
    }

    static let notRunMarker = "<!-- readme-test: not-run"
    static let startMarker = "<!-- readme-test: start-parkd "

    let lines: [String]
    let blocks: [Block]

    init(text: String) {
        let lines = text.components(separatedBy: "\n")
        self.lines = lines
        var found: [Block] = []
        var index = 0
        while index < lines.count {
            guard lines[index].trimmingCharacters(in: .whitespaces) == "```console" else { index += 1; continue }
            let marker = index > 0 ? lines[index - 1].trimmingCharacters(in: .whitespaces) : ""
            let blockLine = index
            var end = index + 1
            while end < lines.count, lines[end].trimmingCharacters(in: .whitespaces) != "```" { end += 1 }
            defer { index = end + 1 }
            if marker.hasPrefix(Self.notRunMarker) { continue }
            found.append(Block(
                line: blockLine, startsDaemon: Self.daemon(marker),
                commands: Self.commands(lines, from: blockLine + 1, to: end, indent: lines[blockLine].prefix { $0 == " " }.count)))
        }
        blocks = found
    }

    private static func daemon(_ marker: String) -> Daemon? {
        guard marker.hasPrefix(startMarker), marker.hasSuffix("-->") else { return nil }
        let words = marker.dropFirst(startMarker.count).dropLast(3).split(separator: " ").map(String.init)
        guard let directory = words.first else { return nil }
        return Daemon(stateDirectory: directory, arguments: Array(words.dropFirst()))
    }

    private static func commands(_ lines: [String], from start: Int, to end: Int, indent: Int) -> [Command] {
        // Lines of a block inside a list item are read without the item's indentation.
        func body(_ i: Int) -> String { String(lines[i].dropFirst(min(indent, lines[i].prefix { $0 == " " }.count))) }
        var commands: [Command] = []
        var i = start
        while i < end {
            let first = body(i)
            guard first.hasPrefix("$ ") else { i += 1; continue }
            let commandLine = i
            var text = [String(first.dropFirst(2))]
            var hereDocumentEnd: String?
            if let range = first.range(of: #"<<-?\s*'?"?[A-Za-z_]+'?"?"#, options: .regularExpression) {
                hereDocumentEnd = String(first[range]).trimmingCharacters(in: CharacterSet(charactersIn: "<-'\" "))
            }
            while i + 1 < end, text.last!.hasSuffix("\\") { i += 1; text.append(body(i)) }
            if let word = hereDocumentEnd {
                while i + 1 < end { i += 1; text.append(body(i)); if body(i) == word { break } }
            }
            i += 1
            let outputStart = i
            while i < end, !body(i).hasPrefix("$ ") { i += 1 }
            commands.append(Command(
                line: commandLine, text: text.joined(separator: "\n"), outputStart: outputStart, outputEnd: i, indent: indent))
        }
        return commands
    }

    /// The expected output of a command, as the README shows it (without the block's indentation).
    func expected(_ command: Command) -> [String] {
        lines[command.outputStart..<command.outputEnd].map { String($0.dropFirst(min(command.indent, $0.prefix { $0 == " " }.count))) }
    }
}

/// What may differ between the README and a run: each pattern is replaced by its placeholder on
/// both sides before lines are compared; everything else must be equal. Times, durations, hashes,
/// sizes, pids and the park's receipt key change from run to run; the time a tenant has spent in the park grows with
/// today's date, and so does how far ahead the working-day calendar counts. The audit list's PID column changes width with the pid (a 5-digit or a 7-digit
/// pid moves the columns after it and the header), so outputs holding an audit pid are compared
/// with runs of spaces made one.
enum LooseMatch {
    static let patterns: [(String, String)] = [
        (#"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"#, "⟨time⟩"),
        (#"\(up [0-9hmsd ]+\)"#, "(up ⟨duration⟩)"),
        // The park's receipt key is new in every state directory.
        (#"Receipt key: +[A-Za-z0-9+/]{43}= \(id [0-9a-f]{16}\)"#, "Receipt key: ⟨key⟩"),
        (#"the park's key [0-9a-f]{16}"#, "the park's key ⟨key id⟩"),
        (#""park": ?"[0-9a-f]{16}""#, #""park": "⟨key id⟩""#),
        (#"\b[0-9a-f]{32,}\b"#, "⟨hash⟩"),
        (#"\b(?=[0-9a-f]*[a-f])[0-9a-f]{12}\b"#, "⟨hash⟩"),
        (#"\b[0-9.,]+ [KM]iB\b"#, "⟨size⟩"),
        (#"\d+ months? in the park, lease year \d+"#, "⟨months⟩ in the park, lease year ⟨n⟩"),
        (#""monthsInPark" : \d+"#, #""monthsInPark" : ⟨n⟩"#),
        (#""monthsInPark": \d+"#, #""monthsInPark": ⟨n⟩"#),
        (#""leaseYear": \d+"#, #""leaseYear": ⟨n⟩"#),
        (#""leaseYear" : \d+"#, #""leaseYear" : ⟨n⟩"#),
        (#"(⟨time⟩ +\S+ +\d+ +)\d+"#, "$1⟨pid⟩"),
        (#"pid \d+"#, "pid ⟨pid⟩"),
        (#"today is \d{4}-\d\d-\d\d"#, "today is ⟨date⟩"),
        // The check runs once parkd serves: a status right after start may find it running.
        // How far ahead the working-day calendar counts depends on today's date.
        (#"(Working days: +\S+)( \(through \d{4}-12-31\)|; WARNING: the working-day calendar .*)$"#, "$1 ⟨coverage⟩"),
        (#"Integrity: +(sound \(quick_check at ⟨time⟩ in \d+\.\d\d s\)|checking \(quick_check since ⟨time⟩\))"#, "Integrity: ⟨sound⟩"),
    ]

    static func normalise(_ line: String) -> String {
        var line = line
        for (pattern, placeholder) in patterns {
            line = line.replacingOccurrences(of: pattern, with: placeholder, options: .regularExpression)
        }
        return line
    }

    static func equal(_ expected: [String], _ actual: [String]) -> Bool {
        var e = expected.map(normalise), a = actual.map(normalise)
        if (e + a).contains(where: { $0.contains("⟨pid⟩") }) {
            e = e.map { $0.replacingOccurrences(of: " +", with: " ", options: .regularExpression) }
            a = a.map { $0.replacingOccurrences(of: " +", with: " ", options: .regularExpression) }
        }
        return e == a
    }
}
