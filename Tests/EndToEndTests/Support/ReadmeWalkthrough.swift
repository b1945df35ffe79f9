import Foundation

/// The README's ```console blocks as a walk-through: commands (`$ ` lines, with their `\`
/// continuation lines and here-documents) and the output each is expected to print.
///
/// Markers, an HTML comment on the line before a block:
/// - `<!-- readme-test: not-run REASON -->`: the block is documentation only;
/// - `<!-- readme-test: start-parkd DIR -->`: before the block, a fresh parkd is started the way
///   `make run STATE_DIR=$PWD/DIR` starts one (its socket `DIR/control.sock`).
struct ReadmeWalkthrough {
    struct Command {
        /// 0-based README line of the `$ ` line.
        let line: Int
        /// The command's lines without the `$ ` prompt (continuations and here-documents included).
        let text: String
        /// README lines [outputStart, outputEnd) holding the expected output.
        let outputStart: Int
        let outputEnd: Int
    }

    struct Block {
        let line: Int
        let startParkd: String?
        let commands: [Command]
    }

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
            index += 1
            var end = index
            while end < lines.count, lines[end].trimmingCharacters(in: .whitespaces) != "```" { end += 1 }
            defer { index = end + 1 }
            if marker.hasPrefix("<!-- readme-test: not-run") { continue }
            var startParkd: String?
            if marker.hasPrefix("<!-- readme-test: start-parkd ") {
                startParkd = marker.dropFirst("<!-- readme-test: start-parkd ".count).split(separator: " ").first.map(String.init)
            }
            // Indented blocks (inside a list item) are read without their indentation.
            let indent = lines[blockLine - 1 + 1].prefix { $0 == " " }.count
            func body(_ i: Int) -> String { String(lines[i].dropFirst(min(indent, lines[i].prefix { $0 == " " }.count))) }
            var commands: [Command] = []
            var i = index
            while i < end {
                let first = body(i)
                guard first.hasPrefix("$ ") else { i += 1; continue }
                let start = i
                var text = [String(first.dropFirst(2))]
                var hereDocument: String?
                if let range = first.range(of: #"<<-?\s*'?"?([A-Za-z_]+)'?"?"#, options: .regularExpression) {
                    hereDocument = String(first[range]).trimmingCharacters(in: CharacterSet(charactersIn: "<-'\" "))
                }
                while i + 1 < end, text.last!.hasSuffix("\\") { i += 1; text.append(body(i)) }
                if let word = hereDocument {
                    while i + 1 < end { i += 1; text.append(body(i)); if body(i) == word { break } }
                }
                i += 1
                let outputStart = i
                while i < end, !body(i).hasPrefix("$ ") { i += 1 }
                commands.append(Command(line: start, text: text.joined(separator: "\n"), outputStart: outputStart, outputEnd: i))
            }
            found.append(Block(line: blockLine, startParkd: startParkd, commands: commands))
        }
        blocks = found
    }

    /// The expected output of a command, as the README shows it.
    func expected(_ command: Command) -> [String] {
        Array(lines[command.outputStart..<command.outputEnd])
    }
}

/// What may differ between the README and a run: each pattern is replaced by its placeholder on
/// both sides before lines are compared; everything else must be equal. Only the audit list's
/// PID column changes width from run to run (a 5-digit or a 7-digit pid moves the columns after it
/// and the header), so outputs holding an audit pid are compared with runs of spaces made one.
enum LooseMatch {
    static let patterns: [(String, String)] = [
        (#"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"#, "⟨time⟩"),
        (#"\(up [0-9hms ]+\)"#, "(up ⟨duration⟩)"),
        (#"\b[0-9a-f]{32,}\b"#, "⟨hash⟩"),
        (#"\b(?=[0-9a-f]*[a-f])[0-9a-f]{12,}\b"#, "⟨hash⟩"),
        (#"\b\d+ KiB\b"#, "⟨size⟩"),
        (#"\d+ months? in the park"#, "⟨months⟩ in the park"),
        (#"lease year \d+\)"#, "lease year ⟨n⟩)"),
        (#"(⟨time⟩ +\S+ +\d+ +)\d+"#, "$1⟨pid⟩"),
        (#"pid \d+"#, "pid ⟨pid⟩"),
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
