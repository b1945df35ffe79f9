import MemberwiseInit

/// Where a tenant's report for one month stands: the latest version recorded and the figures in
/// force. Versions only ever grow: a first report is version 1, each correction one more, and a
/// withdrawal is a version too, which leaves the month with no report in force until the tenant
/// reports it again (as a first report, with the next version).
@MemberwiseInit
public struct ReportStanding: Equatable, Sendable {
    /// The latest version recorded; 0 when the month was never reported.
    public var latestVersion: Int
    /// The figures in force; nil when the month was never reported or its report was withdrawn.
    public var inForce: OperatingFigures?

    /// A month never reported.
    public static let unreported = ReportStanding(latestVersion: 0, inForce: nil)

    /// The version the next report, correction or withdrawal of the month records.
    public var nextVersion: Int { latestVersion + 1 }

    /// The version that withdrew the month's report, when the latest did; nil when a report is
    /// in force or the month was never reported.
    public var withdrawnIn: Int? { inForce == nil && latestVersion > 0 ? latestVersion : nil }

    /// Refuses a correction (a tenant's `report-correction`) of a month with no report in force:
    /// there is nothing to correct, and the figures would be taken as a first report unasked.
    public func checkCorrectable(_ month: Month) throws(DomainError) {
        guard inForce == nil else { return }
        throw .invalid("month", withdrawnIn.map {
            "the report of \(month) was withdrawn (version \($0)); nothing is in force to correct: send the month as a monthly report"
        } ?? "\(month) has no report to correct; send it as a monthly report")
    }

    /// Refuses a new version over the report in force without a reason: `reason` is what is left
    /// of the one given (`given`) once trimmed, nil for a blank one.
    public func checkReason(_ reason: String?, given: String?, month: Month) throws(DomainError) {
        guard inForce != nil, reason == nil else { return }
        throw .invalid("reason", "the report for \(month) exists; a correction needs a reason" + (given == nil ? "" : ", and a blank one is none"))
    }

    /// Decides the withdrawal of the report in force, filed in error (under the wrong month, or
    /// for a month the firm was not in the park): the month is then as if never reported, in
    /// every total, reward input and check. Refused when the month has no report in force, and
    /// without a reason (1 to 500 characters).
    public func withdrawal(of month: Month, tenant: Int64, reason: String) throws(DomainError) -> ReportWithdrawal {
        let reason = try FieldText.text(reason, field: "reason", maxLength: 500)
        guard let inForce else {
            throw .invalid("month", withdrawnIn.map { "the report of tenant \(tenant) for \(month) is already withdrawn (version \($0))" }
                ?? "tenant \(tenant) has no report for \(month)")
        }
        return ReportWithdrawal(version: nextVersion, withdrawnFigures: inForce, reason: reason)
    }
}

/// A withdrawal, as `ReportStanding.withdrawal` decides it: the version it records, which keeps
/// the figures it took out of force so that the history shows what was withdrawn.
@MemberwiseInit
public struct ReportWithdrawal: Equatable, Sendable {
    public var version: Int
    public var withdrawnFigures: OperatingFigures
    public var reason: String
}
