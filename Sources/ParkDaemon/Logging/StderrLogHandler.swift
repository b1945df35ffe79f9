import Foundation
import Logging

/// One readable line per entry on stderr: `LEVEL message key=value …` (a value with a space, `=`
/// or `"` quoted, as logfmt writes it, so that a path cannot pass for more fields), behind its syslog
/// priority (`<3>`) when stderr is the journal's stream, so journald files it at that priority.
/// The level comes from a shared `LogLevelControl`, so it can change while the daemon runs.
public struct StderrLogHandler: SharedLevelLogHandler {
    public var metadata: Logger.Metadata = [:]
    let control: LogLevelControl
    let priorityPrefixes: Bool

    public init(control: LogLevelControl, priorityPrefixes: Bool = false) {
        self.control = control
        self.priorityPrefixes = priorityPrefixes
    }

    public func log(event: LogEvent) {
        FileHandle.standardError.write(Data(line(level: event.level, message: event.message, metadata: event.metadata).utf8))
    }

    /// The entry as written, its line end included.
    func line(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?) -> String {
        var line = priorityPrefixes ? "<\(JournalLogHandler.priority(level))>" : ""
        line += "\(level.rawValue.uppercased()) \(Self.oneLine("\(message)"))"
        let merged = metadata.merging(extra ?? [:]) { _, new in new }
        for key in merged.keys.sorted() where key != NotableEvent.metadataKey {
            line += " \(key)=\(Self.fieldValue(Self.text(of: merged[key]!)))"
        }
        return line + "\n"
    }

    /// A value as text: a list's items joined by commas (`group=a,b`), anything else as it describes itself.
    static func text(of value: Logger.MetadataValue) -> String {
        switch value {
        case .array(let items): items.map(text(of:)).joined(separator: ",")
        default: "\(value)"
        }
    }

    /// A field's value as written: on one line (`oneLine`), and quoted, its `"` escaped, when it
    /// is empty or holds a space, `=` or `"`: `config=/tmp/x database=/etc/passwd` (one path)
    /// would read as two fields.
    static func fieldValue(_ text: String) -> String {
        let line = oneLine(text)
        guard line.isEmpty || line.contains(where: { $0 == " " || $0 == "=" || $0 == "\"" }) else { return line }
        return "\"" + line.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `text` with its control characters escaped (`\n`, `\u{1B}`): an entry is one line, and a
    /// value from outside (a file name an uploader chose) can neither start a forged entry nor
    /// drive the terminal.
    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
