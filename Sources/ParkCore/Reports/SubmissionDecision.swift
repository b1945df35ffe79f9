/// What a submission records, or why it cannot.
public enum SubmissionDecision: Equatable, Sendable {
    /// A new version with these figures; `changes` says what a correction changed against the
    /// version in force, one figure each ("placements 26 → 29"), and is empty for a first report.
    case record(OperatingFigures, changes: [String])
    /// Refused: the first reason (`report add` names one field at a time), then any more (an
    /// import lists every one).
    case refuse(DomainError, more: [DomainError])
}
