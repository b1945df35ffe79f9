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
            case .unreachable(let socket, let reason):
                self.init(
                    name: "Unreachable", message: error.description, parameters: ["socket": .string(socket), "reason": .string(reason)],
                    exitCode: Self.unreachable)
            case .connectionLost(let reason):
                self.init(name: "ConnectionLost", message: error.description, parameters: ["reason": .string(reason)], exitCode: Self.unreachable)
            case .protocolViolation(let reason):
                self.init(name: "ProtocolViolation", message: error.description, parameters: ["reason": .string(reason)], exitCode: Self.protocolError)
            }
        case let error as VarlinkError:
            self.init(error)
        default:
            self.init(name: "InternalError", message: "\(error)", exitCode: Self.internalError)
        }
    }

    private init(_ error: VarlinkError) {
        let p = error.parameters
        func text(_ key: String) -> String { p[key]?.stringValue ?? p[key]?.canonicalText ?? "?" }
        func texts(_ key: String) -> [String] {
            guard case .array(let items)? = p[key] else { return [] }
            return items.compactMap { $0.stringValue ?? $0.canonicalText }
        }
        func failure(_ message: String, _ exitCode: ExitCode) -> CommandFailure { CommandFailure(error, .text(message), exitCode: exitCode) }
        switch error.shortName {
        case "InvalidField":
            self.init(error, .invalidField(field: text("field"), reason: text("reason")), exitCode: Self.invalidInput)
        case "InvalidParameter":
            self = failure("invalid parameter \(text("parameter"))", Self.invalidInput)
        case "InvalidTransition":
            let allowed = texts("allowed")
            self = failure(
                "a tenant that is \(text("from")) cannot become \(text("to")); allowed: \(allowed.isEmpty ? "none" : allowed.joined(separator: ", "))",
                Self.invalidInput)
        case "CreditCodeInUse":
            self = failure("credit code \(text("creditCode")) already belongs to tenant \(text("tenant"))", Self.invalidInput)
        case "NoSuchUnit":
            self = failure(p["label"] == nil ? "no unit has id \(text("unit"))" : "no unit has label \(text("label"))", Self.notFound)
        case "UnitExists":
            self = failure("unit \(text("unit")) already exists (id \(text("id")))", Self.invalidInput)
        case "NoSuchLease":
            self = failure("no lease has id \(text("lease"))", Self.notFound)
        case "LeaseConflict":
            self = failure(text("message"), Self.invalidInput)
        case "NoSuchProject":
            self = failure("no incubator project has id \(text("project"))", Self.notFound)
        case "NoSuchTenant":
            self = failure("no tenant has id or credit code '\(text("tenant"))'", Self.notFound)
        case "NoSuchPolicy":
            self = failure("no policy in force has id '\(text("id"))'", Self.notFound)
        case "PolicyRejected":
            let problems: [String] = p["problems"].flatMap { value -> [String]? in
                guard case .array(let items) = value else { return nil }
                return items.map { item in
                    let position = [item["line"], item["column"]].compactMap { $0?.canonicalText }.joined(separator: ":")
                    return "  \(item["file"]?.stringValue ?? "?"):\(position.isEmpty ? "" : position + ":") \(item["message"]?.stringValue ?? "")"
                }
            } ?? []
            self = failure("policy refused:\n" + problems.joined(separator: "\n"), Self.invalidInput)
        case "NoSuchRun":
            self = failure("no reward run has id \(text("run"))", Self.notFound)
        case "RunNotDraft":
            self = failure("run \(text("run")) is \(text("status")), not a draft; approved runs never change", Self.invalidInput)
        case "NoDifferences":
            self = failure("nothing to adjust: the data still gives what was approved for \(text("period")) (run \(text("run")))", Self.invalidInput)
        case "RunOutdated":
            let since = texts("approvedSince")
            self = failure(
                "run \(text("run")) was computed before \(since.count == 1 ? "run" : "runs") \(since.joined(separator: ", ")) of \(text("period")) was approved; approving it would count amounts twice: compute it again with `parkctl reward run --period \(text("period"))`",
                Self.invalidInput)
        case "YearNotCovered":
            self = failure(
                "the working-day calendar does not cover \(text("year")): parkd has no holiday schedule of \(text("year")), "
                    + "so no day of it can be counted; once the State Council has published the \(text("year")) holidays, put "
                    + "\(text("year")).yaml in parkd's calendar directory (calendar.directory, or parkd --calendar-dir) and reload parkd",
                Self.invalidInput)
        case "ImportRefused":
            self = failure(ReportCommand.Import.describe(error), Self.invalidInput)
        case "CalculationFailed":
            self = failure("calculation failed: \(text("message"))", Self.invalidInput)
        case "PermissionDenied":
            self = failure("permission denied: uid \(text("uid")) may not call \(text("method"))", Self.permissionDenied)
        case "MethodNotFound", "InterfaceNotFound":
            self = failure("parkd does not know \(error.description); is it older than parkctl?", Self.notFound)
        case "InternalError":
            self = failure("parkd failed to carry out the request; see its journal", Self.internalError)
        default:
            self = failure(error.description, Self.protocolError)
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
