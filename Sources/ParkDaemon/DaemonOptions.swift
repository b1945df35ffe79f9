import Foundation
import Logging
import ParkControl
import ParkStore
import ServiceLifecycle
import UnixSignals

/// How parkd was started: where its configuration comes from and what the command line overrides.
public struct DaemonOptions: Sendable {
    public var configSource: ConfigSource
    public var stateDirectory: String?
    public var socketPath: String?
    public var policyDirectory: String?
    public var calendarDirectory: String?

    public init(
        configSource: ConfigSource, stateDirectory: String? = nil, socketPath: String? = nil, policyDirectory: String? = nil,
        calendarDirectory: String? = nil
    ) {
        self.configSource = configSource
        self.stateDirectory = stateDirectory
        self.socketPath = socketPath
        self.policyDirectory = policyDirectory
        self.calendarDirectory = calendarDirectory
    }

    /// Loads the configuration and applies the command-line overrides.
    public func loadConfig() throws(ConfigError) -> DaemonConfig {
        var config = try ConfigLoader.load(configSource)
        if let stateDirectory { config.stateDirectory = stateDirectory }
        if let socketPath { config.socketPath = socketPath }
        if let policyDirectory { config.policyDirectory = policyDirectory }
        if let calendarDirectory { config.calendarDirectory = calendarDirectory }
        return config
    }
}
