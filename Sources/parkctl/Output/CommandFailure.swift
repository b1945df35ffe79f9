import ArgumentParser
import Foundation
import ParkControl

/// A failed call as the administrator sees it: one line on stderr and an exit status that
/// tells the kind of failure (sysexits.h).
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    let exitCode: ExitCode

    static let invalidInput = ExitCode(65)
    static let notFound = ExitCode(66)
    static let unreachable = ExitCode(69)
    static let internalError = ExitCode(70)
    static let protocolError = ExitCode(76)
    static let permissionDenied = ExitCode(77)

    init(message: String, exitCode: ExitCode) {
        // It often quotes what the daemon or a file holds: it may break lines, nothing more.
        self.message = message.replacingControlCharacters(keepingLineBreaks: true)
        self.exitCode = exitCode
    }

    init(_ error: any Error) {
        switch error {
        case let failure as CommandFailure:
            self = failure
        case let error as VarlinkClientError:
            switch error {
            case .permissionDenied: self.init(message: error.description, exitCode: Self.permissionDenied)
            case .unreachable, .connectionLost: self.init(message: error.description, exitCode: Self.unreachable)
            case .protocolViolation: self.init(message: error.description, exitCode: Self.protocolError)
            }
        case let error as VarlinkError:
            self.init(error)
        default:
            self.init(message: "\(error)", exitCode: Self.internalError)
        }
    }

    private init(_ error: VarlinkError) {
        let p = error.parameters
        func text(_ key: String) -> String { p[key]?.stringValue ?? p[key]?.canonicalText ?? "?" }
        func texts(_ key: String) -> [String] {
            guard case .array(let items)? = p[key] else { return [] }
            return items.compactMap { $0.stringValue ?? $0.canonicalText }
        }
        switch error.shortName {
        case "InvalidField":
            self.init(message: "invalid \(Self.flag(text("field"))): \(text("reason"))", exitCode: Self.invalidInput)
        case "InvalidParameter":
            self.init(message: "invalid parameter \(text("parameter"))", exitCode: Self.invalidInput)
        case "InvalidTransition":
            let allowed = texts("allowed")
            self.init(
                message: "a tenant that is \(text("from")) cannot become \(text("to")); allowed: \(allowed.isEmpty ? "none" : allowed.joined(separator: ", "))",
                exitCode: Self.invalidInput)
        case "CreditCodeInUse":
            self.init(message: "credit code \(text("creditCode")) already belongs to tenant \(text("tenant"))", exitCode: Self.invalidInput)
        case "NoSuchUnit":
            self.init(message: "no unit has id \(text("unit"))", exitCode: Self.notFound)
        case "UnitExists":
            self.init(message: "unit \(text("unit")) already exists (id \(text("id")))", exitCode: Self.invalidInput)
        case "NoSuchLease":
            self.init(message: "no lease has id \(text("lease"))", exitCode: Self.notFound)
        case "LeaseConflict":
            self.init(message: text("message"), exitCode: Self.invalidInput)
        case "NoSuchProject":
            self.init(message: "no incubator project has id \(text("project"))", exitCode: Self.notFound)
        case "NoSuchTenant":
            self.init(message: "no tenant has id or credit code '\(text("tenant"))'", exitCode: Self.notFound)
        case "NoSuchPolicy":
            self.init(message: "no policy in force has id '\(text("id"))'", exitCode: Self.notFound)
        case "PolicyRejected":
            let problems: [String] = p["problems"].flatMap { value -> [String]? in
                guard case .array(let items) = value else { return nil }
                return items.map { item in
                    let position = [item["line"], item["column"]].compactMap { $0?.canonicalText }.joined(separator: ":")
                    return "  \(item["file"]?.stringValue ?? "?"):\(position.isEmpty ? "" : position + ":") \(item["message"]?.stringValue ?? "")"
                }
            } ?? []
            self.init(message: "policy refused:\n" + problems.joined(separator: "\n"), exitCode: Self.invalidInput)
        case "NoSuchRun":
            self.init(message: "no reward run has id \(text("run"))", exitCode: Self.notFound)
        case "RunNotDraft":
            self.init(message: "run \(text("run")) is \(text("status")), not a draft; approved runs never change", exitCode: Self.invalidInput)
        case "NoDifferences":
            self.init(
                message: "nothing to adjust: the data still gives what was approved for \(text("period")) (run \(text("run")))",
                exitCode: Self.invalidInput)
        case "RunOutdated":
            let since = texts("approvedSince")
            self.init(
                message: "run \(text("run")) was computed before \(since.count == 1 ? "run" : "runs") \(since.joined(separator: ", ")) of \(text("period")) was approved; approving it would count amounts twice: compute it again with `parkctl reward run --period \(text("period"))`",
                exitCode: Self.invalidInput)
        case "YearNotCovered":
            self.init(
                message: "the working-day calendar does not cover \(text("year")): parkd has no holiday schedule of \(text("year")), "
                    + "so no day of it can be counted; once the State Council has published the \(text("year")) holidays, put "
                    + "\(text("year")).yaml in parkd's calendar directory (calendar.directory, or parkd --calendar-dir) and reload parkd",
                exitCode: Self.invalidInput)
        case "ImportRefused":
            self.init(message: ReportCommand.Import.describe(error), exitCode: Self.invalidInput)
        case "CalculationFailed":
            self.init(message: "calculation failed: \(text("message"))", exitCode: Self.invalidInput)
        case "PermissionDenied":
            self.init(message: "permission denied: uid \(text("uid")) may not call \(text("method"))", exitCode: Self.permissionDenied)
        case "MethodNotFound", "InterfaceNotFound":
            self.init(message: "parkd does not know \(error.description); is it older than parkctl?", exitCode: Self.notFound)
        case "InternalError":
            self.init(message: "parkd failed to carry out the request; see its journal", exitCode: Self.internalError)
        default:
            self.init(message: error.description, exitCode: Self.protocolError)
        }
    }

    /// The option a wire field is given with, so the message points at what to retype.
    private static func flag(_ field: String) -> String {
        let flags = [
            "name": "--name", "creditCode": "--credit-code", "businessLines": "--business-line",
            "businessLine": "--business-line", "origin": "--origin", "tags": "--tag", "contactPerson": "--contact-person",
            "contactPhone": "--contact-phone", "dispatchLicence": "--dispatch-licence",
            "hrServiceLicence": "--hr-service-licence", "appliedOn": "--on", "on": "--on", "reason": "--reason",
            "limit": "--limit", "after": "--after", "since": "--since", "status": "--status",
            "building": "--building", "number": "--number", "floor": "--floor", "area": "--area", "kind": "--kind",
            "listRent": "--rent", "units": "--unit", "start": "--start", "end": "--end", "rent": "--rent",
            "deposit": "--deposit", "billingDay": "--billing-day", "from": "--from", "month": "--month",
            "tenant": "--tenant", "revenue": "--revenue", "tax": "--tax", "employersServed": "--employers-served",
            "workersDispatched": "--workers-dispatched", "workersOutsourced": "--workers-outsourced",
            "jobSeekersServed": "--job-seekers-served", "placements": "--placements",
            "trainingSessions": "--training-sessions", "trainingAttendees": "--training-attendees",
            "phdHires": "--phd-hires", "headcount": "--headcount", "to": "--to", "seats": "--seat",
            "founder": "--founder", "team": "--team", "university": "--university", "phdCount": "--phd-count",
            "enteredOn": "--on", "period": "--period", "rules": "--rule",
        ]
        guard let option = flags[field] else { return field }
        return "\(option) (\(field))"
    }

    var description: String { message }
}

extension AsyncParsableCommand {
    /// Runs a command body, printing a failure the way administrators expect.
    func reporting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("parkctl: \(failure.message)\n".utf8))
            throw failure.exitCode
        }
    }
}
