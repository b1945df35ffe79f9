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

    /// Argument parser's check of a command before it runs: the command line as a whole.
    func validate() throws {
        try Self.validateCommandLine()
    }

    /// Refuses `--json` with a flag asking for another format (`--csv`, `--html`, `--ics`): a
    /// usage error, as every command that prints one format or the other gives it.
    func refuseJSON(with formats: KeyValuePairs<String, Bool>) throws {
        for (flag, given) in formats where given && global.json { throw ValidationError("Give --json or \(flag), not both.") }
    }

    /// Refuses, before anything is sent, an argument that is not UTF-8 text (a terminal in GBK:
    /// Swift has put U+FFFD where its bytes were) and a single-value option given twice; a
    /// usage error like any other (exit 64; with `--json`, `parkctl.Usage` and the command's
    /// usage). A command with checks of its own calls it first.
    static func validateCommandLine() throws {
        if let refusal = Parkctl.argumentNotUTF8() ?? RepeatedOptions.refusal(Array(CommandLine.arguments.dropFirst())) {
            throw ValidationError(refusal)
        }
    }

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
