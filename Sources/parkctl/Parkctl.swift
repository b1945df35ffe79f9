import ArgumentParser
import Foundation
import ParkControl

@main
struct Parkctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parkctl",
        abstract: "Control parkd, the operations daemon of an HR service industrial park.",
        discussion: """
            Talks to parkd over its Varlink admin socket: --socket, else $PARKD_SOCKET, else \
            /run/parkd/control.sock. --json and --socket may also follow the command. Exit status: \
            0 success, 1 check failed, 64 usage, 65 invalid input, 66 not found, 69 parkd \
            unreachable, 70 internal error in parkd or connection lost mid-call (the request may have been done), 74 storage (parkd's database, or parkctl's \
            output), 75 try again later, 76 protocol error, 77 permission denied, 130 left with a \
            second Ctrl-C, 141 the output's reader went away.
            """,
        version: ParkVersion.current,
        subcommands: [Status.self, TenantCommand.self, UnitCommand.self, LeaseCommand.self, ReportCommand.self, IncubatorCommand.self, ApplicationCommand.self, BlocklistCommand.self, ReviewCommand.self, EventCommand.self, Stats.self, PolicyCommand.self, RewardCommand.self, BankAccountCommand.self, PaymentCommand.self, CalendarCommand.self, TimerCommand.self, BackupCommand.self, DemoCommand.self, AuditCommand.self, Submit.self, SubmissionCommand.self, LogLevel.self])

    @OptionGroup var global: GlobalOptions

    /// Argument parser's own `main`, but for a usage error asked for with `--json`: that is one
    /// JSON object on stderr too (`parkctl.Usage`, with the message and the command's usage), so
    /// that a script reads every failure the same way. The exit status stays 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            // Where argument parser says a value is missing, it may have read the value as an option.
            let message = message(for: error)
            // (An argument, `'<N>'`: a missing option, `'--title <title>'`, takes no value after --.)
            let note = message.hasPrefix("Missing expected argument '<") ? negativeValueHint(Array(CommandLine.arguments.dropFirst())) : nil
            if GlobalOptions.asksForJSON(CommandLine.arguments.dropFirst()) {
                let full = fullMessage(for: error), errorLine = "Error: \(message)\n"
                let usage = full.hasPrefix(errorLine) ? String(full.dropFirst(errorLine.count)) : full
                var parameters: [String: JSONValue] = ["usage": .string(usage)]
                parameters["note"] = note.map { .string($0) }
                let failure = CommandFailure(name: "Usage", message: message, parameters: parameters, exitCode: .validationFailure)
                StandardStream.error.write(failure.json(message: message))
                exit(withError: ExitCode.validationFailure)
            }
            if let note {
                StandardStream.error.write(fullMessage(for: error) + "\nNote: " + note + "\n")
                exit(withError: ExitCode.validationFailure)
            }
            exit(withError: error)
        }
    }

    /// Why the command line cannot be read, when an argument is not UTF-8 text (a terminal or a
    /// script in GBK): Swift would put U+FFFD for each byte it cannot read, and the text meant
    /// would be lost (two firms' names in GBK may read the same).
    static func argumentNotUTF8() -> String? {
        let words = (0..<Int(CommandLine.argc)).map { CommandLine.unsafeArgv[$0].flatMap { String(validatingCString: $0) } }
        guard let index = words.indices.dropFirst().first(where: { words[$0] == nil }) else { return nil }
        let option = words[index - 1].flatMap { $0.hasPrefix("--") && $0.count > 2 && !$0.contains("=") && index > 1 ? " (the value of \($0))" : nil } ?? ""
        return "argument \(index)\(option) is not UTF-8 text; parkctl reads its arguments as UTF-8: set the terminal's (or the script's) "
            + "encoding to UTF-8 and type it again"
    }

    /// `word` as a shell reads it back: as it is when it needs no quoting, else in single quotes.
    static func shellQuoted(_ word: String) -> String {
        guard word.isEmpty || word.contains(where: { !($0.isLetter || $0.isNumber || "-_./:=@+,".contains($0)) }) else { return word }
        return "'" + word.replacing("'", with: #"'\''"#) + "'"
    }

    /// For a command line refused whose words before `--` include a negative number that no
    /// option precedes, which argument parser reads as an option (so that a value given is
    /// reported missing): where such a value goes.
    static func negativeValueHint(_ words: [String]) -> String? {
        let options = Array(words.prefix { $0 != "--" })
        let positions = options.indices.filter { index in
            options[index].wholeMatch(of: /-[0-9][0-9.]*/) != nil && (index == 0 || !options[index - 1].hasPrefix("-"))
        }
        guard let first = positions.first else { return nil }
        let negatives = positions.map { options[$0] }
        let rest = words.dropFirst(options.count + (options.count < words.count ? 1 : 0))
        let moved = options.indices.filter { !positions.contains($0) }.map { options[$0] } + ["--"] + negatives + rest
        return "'\(options[first])' was read as an option: a value that starts with '-' goes after --, as in: parkctl "
            + moved.map(shellQuoted).joined(separator: " ")
    }
}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Admin socket of parkd.", valueName: "path"))
    var socket: String?

    @Flag(name: .long, help: "Print the reply as JSON (stable camelCase fields) instead of a table.")
    var json = false

    @Flag(name: .long, help: "Start a CSV for spreadsheets with a byte order mark, so that Excel on Chinese Windows reads it as UTF-8, not GBK.")
    var bom = false

    /// Whether a command line asks for `--json`, read as words before any `--`: for a command
    /// line argument parser refused, whose options were never parsed.
    static func asksForJSON(_ words: some Sequence<String>) -> Bool {
        words.prefix { $0 != "--" }.contains("--json")
    }

    /// `--socket`, else `$PARKD_SOCKET`, else the system socket.
    var socketPath: String {
        if let socket { return socket }
        if let fromEnvironment = ProcessInfo.processInfo.environment["PARKD_SOCKET"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "/run/parkd/control.sock"
    }

    /// Calls one method on a fresh connection; failures become a message and an exit status.
    func call<Parameters, Reply>(_ method: VarlinkMethod<Parameters, Reply>, _ parameters: Parameters) async throws -> Reply {
        try await withConnection { try await $0.call(method, parameters) }
    }

    /// Runs `body` on a fresh connection, closed afterwards; failures become a `CommandFailure`.
    func withConnection<T>(_ body: (VarlinkConnection) async throws -> T) async throws -> T {
        InterruptedRequest.install(json: json)
        do {
            let connection = try await VarlinkConnection.connect(socketPath: socketPath)
            let result: Result<T, any Error>
            do {
                result = .success(try await body(connection))
            } catch {
                result = .failure(error)
            }
            await connection.close()
            return try result.get()
        } catch {
            throw CommandFailure(error)
        }
    }
}

