import Logging

/// Chooses where parkd's log entries go, once, at start.
public enum DaemonLogging {
    /// True when entries should go to the journal for this configuration and environment.
    public static func usesJournal(_ target: LogTarget) -> Bool {
        switch target {
        case .journal: true
        case .stderr: false
        case .auto: JournalLogHandler.stderrIsJournal()
        }
    }

    public static func bootstrap(target: LogTarget, control: LogLevelControl) {
        let journal = usesJournal(target)
        // Lines on a stderr that is the journal's stream carry their priority (sd-daemon(3)).
        let priorityPrefixes = !journal && JournalLogHandler.stderrIsJournal()
        LoggingSystem.bootstrap { label -> any LogHandler in
            journal ? JournalLogHandler(identifier: label, control: control) : StderrLogHandler(control: control, priorityPrefixes: priorityPrefixes)
        }
    }
}
