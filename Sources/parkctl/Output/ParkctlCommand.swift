import ArgumentParser
import Foundation

/// A command that talks to parkd (most with one `respond`, in `ParkctlCommand+Reply.swift`), and
/// reports its failures the way administrators (and scripts, with `--json`) expect.
protocol ParkctlCommand: AsyncParsableCommand {
    /// The root command, which holds the options every command takes. Each command declares it
    /// as `@ParentCommand var parkctl: Parkctl`: argument parser finds its properties by
    /// reflection on the command's stored properties, so a protocol extension cannot supply it.
    var parkctl: Parkctl { get }
    /// Declared next to the command's options: the mapping differs from command to command
    /// (`on` is `--on` for `tenant transition`, a first lease's `start` is `--start`).
    static var fieldOptions: FieldOptions { get }
}

extension ParkctlCommand {
    /// `--socket` and `--json`, which every command takes.
    var global: GlobalOptions { parkctl.global }

    /// Runs a command body, printing a failure as one line, or as one JSON object with `--json`.
    func reporting<Value>(_ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let failure as CommandFailure {
            let message = failure.message(options: Self.fieldOptions)
            if global.json {
                StandardStream.error.write(failure.json(message: message))
            } else {
                StandardStream.error.write("parkctl: \(message.replacingControlCharacters(keepingLineBreaks: true))\n")
            }
            throw failure.exitCode
        }
    }
}
