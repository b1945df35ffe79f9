import MemberwiseInit

/// An application proposed for a session's agenda, as the park holds it.
@MemberwiseInit
public struct AgendaCandidate: Equatable, Sendable {
    public var application: Int64
    public var status: ApplicationStatus
    /// The open session whose agenda holds it already, if any.
    public var onSession: Int64?
    /// For an application reopened by an accepted appeal: the session whose rejection was
    /// appealed and the uids of its panel, a majority of whom may not review it again.
    public var appealed: Appealed? = nil

    @MemberwiseInit
    public struct Appealed: Equatable, Sendable {
        public var session: Int64
        public var panel: Set<Int64>
    }

    /// The final decision that stands on it (not superseded, not reopened by an accepted
    /// appeal): its id and verdict. Such an application goes before no panel again.
    public var decided: (decision: Int64, verdict: ReviewDecision.Verdict)? = nil

    /// The closed session whose result on it still leads to a decision: not on notice yet, on
    /// notice, or held by an open objection (a result withdrawn by an upheld objection leads to
    /// none). Such an application goes before no other panel until that decision is made.
    public var undecidedResult: Int64? = nil

    /// The day the firm applied: a session reviewing it meets on that day or after.
    public var appliedOn: CivilDate? = nil

    public static func == (lhs: AgendaCandidate, rhs: AgendaCandidate) -> Bool {
        lhs.application == rhs.application && lhs.status == rhs.status && lhs.onSession == rhs.onSession && lhs.appealed == rhs.appealed
            && lhs.decided?.decision == rhs.decided?.decision && lhs.decided?.verdict == rhs.decided?.verdict
            && lhs.undecidedResult == rhs.undecidedResult && lhs.appliedOn == rhs.appliedOn
    }
}
