import ParkControl
import ParkCore
import ParkPolicy
import ParkStore

/// The one place where errors become Varlink errors. Clients never see SQL or internals.
enum ControlErrors {
    static func varlinkError(for error: any Error) -> VarlinkError {
        switch error {
        case let error as VarlinkError:
            return error
        case let error as DomainError:
            switch error.kind {
            case .invalidField:
                return VarlinkError(
                    name: ServiceAPI.invalidField,
                    parameters: .object(["field": .string(error.field), "reason": .string(error.reason)]))
            case .invalidTransition(let from, let to):
                return VarlinkError(name: TenantAPI.invalidTransition, parameters: .object([
                    "from": .string(from.rawValue), "to": .string(to.rawValue),
                    "allowed": .array(from.next.map { .string($0.rawValue) }),
                ]))
            case .yearNotCovered(let year):
                return VarlinkError(name: CalendarAPI.yearNotCovered, parameters: .object(["year": .integer(Int64(year))]))
            }
        case let error as ImportRefused:
            return VarlinkError(name: ReportAPI.importRefused, parameters: .object([
                "problems": .array(error.problems.map { problem in
                    .object(["line": .integer(Int64(problem.line)), "column": .string(problem.column), "reason": .string(problem.reason)])
                }),
            ]))
        case let error as PolicyProblems:
            return VarlinkError(name: PolicyAPI.policyRejected, parameters: .object([
                "problems": .array(error.problems.map { problem in
                    var fields: [String: JSONValue] = ["file": .string(problem.file), "message": .string(problem.message)]
                    if let position = problem.position {
                        fields["line"] = .integer(Int64(position.line))
                        fields["column"] = .integer(Int64(position.column))
                    }
                    return .object(fields)
                }),
            ]))
        case let error as PolicyRunError:
            return VarlinkError(name: RewardAPI.calculationFailed, parameters: .object(["message": .string(error.message)]))
        case let error as RewardRunRefused:
            switch error {
            case .noDifferences(let period, let approved):
                return VarlinkError(name: RewardAPI.noDifferences, parameters: .object([
                    "period": .string(period), "run": .integer(approved.last ?? 0),
                ]))
            case .outdated(let run, let period, let since):
                return VarlinkError(name: RewardAPI.runOutdated, parameters: .object([
                    "run": .integer(run), "period": .string(period), "approvedSince": .array(since.map { .integer($0) }),
                ]))
            }
        case let error as RewardCalculationFailed:
            return VarlinkError(name: RewardAPI.calculationFailed, parameters: .object(["message": .string(error.description)]))
        case let error as StoreError:
            switch error.kind {
            case .noSuchTenant:
                return VarlinkError(name: TenantAPI.noSuchTenant, parameters: .object(["tenant": .string(error.subject)]))
            case .creditCodeInUse:
                return VarlinkError(name: TenantAPI.creditCodeInUse, parameters: .object([
                    "creditCode": .string(error.subject), "tenant": .integer(error.relatedID ?? 0),
                ]))
            case .noSuchUnit:
                return VarlinkError(name: UnitAPI.noSuchUnit, parameters: .object(["unit": .integer(Int64(error.subject) ?? 0)]))
            case .noSuchUnitLabel:
                return VarlinkError(name: UnitAPI.noSuchUnit, parameters: .object(["label": .string(error.subject)]))
            case .unitExists:
                return VarlinkError(name: UnitAPI.unitExists, parameters: .object([
                    "unit": .string(error.subject), "id": .integer(error.relatedID ?? 0),
                ]))
            case .noSuchLease:
                return VarlinkError(name: LeaseAPI.noSuchLease, parameters: .object(["lease": .integer(Int64(error.subject) ?? 0)]))
            case .leaseConflict:
                return VarlinkError(name: LeaseAPI.leaseConflict, parameters: .object([
                    "unit": .string(error.subject), "lease": .integer(error.relatedID ?? 0), "message": .string(error.message),
                ]))
            case .noSuchProject:
                return VarlinkError(name: IncubatorAPI.noSuchProject, parameters: .object(["project": .integer(Int64(error.subject) ?? 0)]))
            case .noSuchRun:
                return VarlinkError(name: RewardAPI.noSuchRun, parameters: .object(["run": .integer(Int64(error.subject) ?? 0)]))
            case .runNotDraft:
                return VarlinkError(name: RewardAPI.runNotDraft, parameters: .object([
                    "run": .integer(error.relatedID ?? 0), "status": .string(error.subject),
                ]))
            case .schemaTooNew, .unusableDatabase:
                return internalError
            }
        default:
            return internalError
        }
    }

    static let internalError = VarlinkError(name: ServiceAPI.internalError)
}
