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
            try await reporting {
                guard let level else {
                    let status = try await global.call(ServiceAPI.status, NoParameters())
                    if global.json { return try JSONOutput.print(["level": status.logLevel]) }
                    return print(status.logLevel)
                }
                let change = try await global.call(ServiceAPI.setLogLevel, ServiceAPI.LogLevel(level: level))
                if global.json { return try JSONOutput.print(change) }
                print("log level \(change.previous) → \(change.level)")
            }
        }
    }
}
