import Logging

/// A log handler whose level is the daemon's shared, run-time adjustable one.
protocol SharedLevelLogHandler: LogHandler {
    var control: LogLevelControl { get }
}

extension SharedLevelLogHandler {
    public var logLevel: Logger.Level {
        get { control.current }
        set { control.current = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}
