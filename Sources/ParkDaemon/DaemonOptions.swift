import Foundation
import Logging
import MemberwiseInit
import ParkControl
import ParkStore
import ServiceLifecycle
import UnixSignals

/// How parkd was started: where its configuration comes from and what the command line overrides.
@MemberwiseInit
public struct DaemonOptions: Sendable {
    public var configSource: ConfigSource
    public var stateDirectory: String? = nil
    public var socketPath: String? = nil
    public var policyDirectory: String? = nil
    public var calendarDirectory: String? = nil
    /// Start although the audit key is not the one that sealed the newest entry (`--audit-key-changed`).
    public var auditKeyChanged: Bool = false

    /// Loads the configuration and applies the command-line overrides.
    public func loadConfig() throws(ConfigError) -> DaemonConfig {
        var config = try ConfigLoader.load(configSource)
        if let stateDirectory { config.stateDirectory = stateDirectory }
        if let socketPath {
            if let problem = UnixSocketPath.problem(socketPath) {
                throw ConfigError(file: "--socket", line: nil, column: nil, key: nil, reason: "'\(socketPath)' \(problem)")
            }
            config.socketPath = socketPath
        }
        if let policyDirectory { config.policyDirectory = policyDirectory }
        if let calendarDirectory { config.calendarDirectory = calendarDirectory }
        return config
    }
}
