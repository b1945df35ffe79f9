import CSystemd
import Foundation
import Logging

/// Structured entries for journald through `sd_journal_sendv`: MESSAGE, PRIORITY,
/// SYSLOG_IDENTIFIER, CODE_FILE/LINE/FUNC, MESSAGE_ID, and every metadata key as an upper-case
/// field (`tenantId` → TENANT_ID, `method` → METHOD, `uid` → UID).
public struct JournalLogHandler: SharedLevelLogHandler {
    public var metadata: Logger.Metadata = [:]
    let control: LogLevelControl
    private let identifier: String

    public init(identifier: String, control: LogLevelControl) {
        self.identifier = identifier
        self.control = control
    }

    public func log(event: LogEvent) {
        var fields = [
            "MESSAGE=\(event.message)",
            "PRIORITY=\(JournalLogHandler.priority(event.level))",
            "SYSLOG_IDENTIFIER=\(identifier)",
            "PARKD_LEVEL=\(event.level.rawValue)",
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (key, value) in merged {
            if key == NotableEvent.metadataKey {
                fields.append("MESSAGE_ID=\(value)")
            } else {
                fields += JournalLogHandler.fields(key, value)
            }
        }
        JournalLogHandler.send(fields, file: event.file, line: event.line, function: event.function)
    }

    /// syslog priorities, as journald expects them.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// The journal fields of one metadata value: a list gives the field once per element (the
    /// journal keeps every value of a repeated field, and matches each).
    static func fields(_ key: String, _ value: Logger.Metadata.Value) -> [String] {
        guard let name = fieldName(key) else { return [] }
        guard case .array(let values) = value else { return ["\(name)=\(value)"] }
        return values.map { "\(name)=\($0)" }
    }

    /// `tenantId` → `TENANT_ID`; nil for keys that cannot be journal fields.
    static func fieldName(_ key: String) -> String? {
        var name = ""
        for character in key {
            if character.isUppercase, !name.isEmpty, name.last != "_" { name.append("_") }
            if character.isASCII, character.isLetter || character.isNumber {
                name.append(contentsOf: character.uppercased())
            } else {
                name.append("_")
            }
        }
        guard let first = name.first, first.isLetter, name.count <= 64 else { return nil }
        return name
    }

    private static func send(_ fields: [String], file: String, line: UInt, function: String) {
        // Each field is one iovec; a value with a newline is fine in this (binary-safe) API.
        let buffers = fields.map { Array($0.utf8) }
        let storage = buffers.map { bytes -> UnsafeMutableRawPointer in
            let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
            pointer.copyMemory(from: bytes, byteCount: bytes.count)
            return pointer
        }
        defer { storage.forEach { $0.deallocate() } }
        var vectors = zip(storage, buffers).map { iovec(iov_base: $0.0, iov_len: $0.1.count) }
        _ = vectors.withUnsafeMutableBufferPointer { vectors in
            sd_journal_sendv_with_location(
                "CODE_FILE=\(file)", "CODE_LINE=\(line)", function, vectors.baseAddress, Int32(vectors.count))
        }
    }

    /// True when stderr is the journal stream systemd connected (`JOURNAL_STREAM` is its dev:inode).
    public static func stderrIsJournal() -> Bool {
        guard let stream = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] else { return false }
        let parts = stream.split(separator: ":")
        var info = stat()
        guard parts.count == 2, fstat(2, &info) == 0 else { return false }
        return parts[0] == String(info.st_dev) && parts[1] == String(info.st_ino)
    }
}
