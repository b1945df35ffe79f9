import ArgumentParser
import ParkControl

extension Parkctl {
    struct LogLevel: ParkctlCommand {
        static let configuration = CommandConfiguration(
            commandName: "log-level",
            abstract: "Show or change parkd's log level while it runs.",
            discussion: "The change lasts until parkd restarts or reloads its configuration (log.level).")

        @ParentCommand var parkctl: Parkctl

        @Argument(help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "level"))
        var level: String?

        static let fieldOptions: FieldOptions = ["level": "LEVEL"]

        func run() async throws {
            if let level {
                try await respond(ServiceAPI.setLogLevel, ServiceAPI.SetLogLevel(level: level)) { change in "log level \(change.previous) → \(change.level)" }
            } else {
                try await respond(ServiceAPI.status, NoParameters(), json: { ["level": $0.logLevel] }) { status in status.logLevel }
            }
        }
    }
}
