import ArgumentParser
import Foundation
import ParkControl

/// A failed call as the administrator sees it: one sentence on stderr (or, with `--json`, one
/// JSON object) and an exit status that tells the kind of failure (sysexits.h).
struct CommandFailure: Error {
    /// What failed, for scripts: the Varlink error parkd answered, or one of parkctl's own
    /// (`parkctl.CannotRead`, `parkctl.Unreachable`, …).
    let name: String
    /// The error's details: parkd's parameters as sent, or what parkctl knows.
    let parameters: JSONValue
    let exitCode: ExitCode
    private let sentence: Sentence

    /// The words of a failure. A refused field is named by the option the command gives it
    /// with, which only the command knows.
    private enum Sentence {
        case text(String)
        case invalidField(field: String, reason: String)
    }

    static let invalidInput = ExitCode(65)
    static let notFound = ExitCode(66)
    static let unreachable = ExitCode(69)
    static let internalError = ExitCode(70)
    static let storageFailure = ExitCode(74)
    static let temporaryFailure = ExitCode(75)
    static let protocolError = ExitCode(76)
    static let permissionDenied = ExitCode(77)

    init(name: String, message: String, parameters: [String: JSONValue] = [:], exitCode: ExitCode) {
        self.name = "parkctl." + name
        self.parameters = .object(parameters)
        self.exitCode = exitCode
        sentence = .text(message)
    }

    private init(_ error: VarlinkError, _ sentence: Sentence, exitCode: ExitCode) {
        name = error.name
        parameters = error.parameters
        self.exitCode = exitCode
        self.sentence = sentence
    }

    /// A file named on the command line that cannot be read: 66 (EX_NOINPUT), not 1, which
    /// means "a check failed".
    static func cannotRead(_ path: String, _ reason: String, exitCode: ExitCode = notFound) -> CommandFailure {
        CommandFailure(
            name: "CannotRead", message: "cannot read \(path): \(reason)",
            parameters: ["file": .string(path), "reason": .string(reason)], exitCode: exitCode)
    }

    init(_ error: any Error) {
        switch error {
        case let failure as CommandFailure:
            self = failure
        case let error as VarlinkClientError:
            switch error {
            case .permissionDenied(let socket):
                self.init(name: "SocketPermissionDenied", message: error.description, parameters: ["socket": .string(socket)], exitCode: Self.permissionDenied)
            case .queueFull(let socket, _):
                self.init(name: "QueueFull", message: error.description, parameters: ["socket": .string(socket)], exitCode: Self.temporaryFailure)
            case .unreachable(let socket, let reason):
                self.init(
                    name: "Unreachable", message: error.description, parameters: ["socket": .string(socket), "reason": .string(reason)],
                    exitCode: Self.unreachable)
            case .notSent(let reason):
                self.init(name: "ConnectionLost", message: error.description, parameters: ["reason": .string(reason)], exitCode: Self.unreachable)
            case .connectionLost(let reason):
                // The request had left: parkd may have carried it out before it went away, so this
                // is not "unreachable" (69), which a script may safely retry.
                self.init(
                    name: "ConnectionLost",
                    message: error.description + "; the request had been sent and may have been carried out: `parkctl audit list --limit 5` shows what parkd did",
                    parameters: ["reason": .string(reason)], exitCode: Self.internalError)
            case .protocolViolation(let reason):
                self.init(name: "ProtocolViolation", message: error.description, parameters: ["reason": .string(reason)], exitCode: Self.protocolError)
            case .requestTooLarge(let method, let bytes):
                self.init(
                    name: "RequestTooLarge", message: error.description, parameters: ["method": .string(method), "bytes": .integer(Int64(bytes))],
                    exitCode: Self.invalidInput)
            case .replyTooLarge(let limit):
                self.init(name: "ReplyTooLarge", message: error.description, parameters: ["limit": .integer(Int64(limit))], exitCode: Self.protocolError)
            }
        case let error as VarlinkError:
            self.init(error)
        default:
            self.init(name: "InternalError", message: "\(error)", exitCode: Self.internalError)
        }
    }

    /// An error parkd answered: its interface declares its sentence and kind, and a refused
    /// field is named by the command's option later (`message(options:)`).
    private init(_ error: VarlinkError) {
        guard let declared = error.declared(in: ParkInterfaces.all) else {
            self.init(error, .text(error.description), exitCode: Self.protocolError)
            return
        }
        let exitCode = Self.exitCode(for: type(of: declared).kind)
        if let invalid = declared as? ServiceAPI.InvalidField {
            self.init(error, .invalidField(field: invalid.field, reason: invalid.reason), exitCode: exitCode)
        } else {
            self.init(error, .text(declared.sentence), exitCode: exitCode)
        }
    }

    private static func exitCode(for kind: FailureKind) -> ExitCode {
        switch kind {
        case .invalidInput: invalidInput
        case .notFound: notFound
        case .permissionDenied: permissionDenied
        case .internalError: internalError
        case .protocolError: protocolError
        case .temporaryFailure: temporaryFailure
        case .storageFailure: storageFailure
        }
    }

    /// The sentence, a refused field named by the option `options` gives it (`--start (start)`),
    /// else by its wire name. It may quote what parkd or a file holds, control characters included.
    func message(options: FieldOptions) -> String {
        switch sentence {
        case .text(let text):
            return text
        case .invalidField(let field, let reason):
            return "invalid \(options[field].map { "\($0) (\(field))" } ?? field): \(reason)"
        }
    }

    /// `{"error":…,"exitStatus":…,"message":…,"parameters":{…}}`: one line, keys sorted.
    func json(message: String) -> Data {
        struct Report: Encodable {
            let error: String
            let message: String
            let parameters: JSONValue
            let exitStatus: Int32
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let report = Report(error: name, message: message, parameters: parameters, exitStatus: exitCode.rawValue)
        // Encoding strings and JSONValue (finite numbers only) cannot fail.
        return ((try? encoder.encode(report)) ?? Data()) + Data("\n".utf8)
    }
}

/// The option (or argument) each wire field of a command's requests is given with: parkd names
/// the field in `InvalidField`, parkctl names what to retype.
typealias FieldOptions = [String: String]
