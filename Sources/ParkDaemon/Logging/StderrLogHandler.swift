import Foundation
import Logging

/// One readable line per entry on stderr: `LEVEL message key=value …`.
/// The level comes from a shared `LogLevelControl`, so it can change while the daemon runs.
public struct StderrLogHandler: SharedLevelLogHandler {
    public var metadata: Logger.Metadata = [:]
    let control: LogLevelControl

    public init(control: LogLevelControl) {
        self.control = control
    }

    public func log(event: LogEvent) {
        var line = "\(event.level.rawValue.uppercased()) \(event.message)"
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for key in merged.keys.sorted() where key != NotableEvent.metadataKey {
            line += " \(key)=\(merged[key]!)"
        }
        line += "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
