import MemberwiseInit

/// The final decision on an application reviewed by a session: made when the session's notice
/// ends with no open objection to it, it moves the tenant to `approved` or `rejected` and is
/// recorded with the score and the reasons. A decision is never changed; a corrected error is a
/// new decision that supersedes it, with its reason.
@MemberwiseInit
public struct ReviewDecision: Equatable, Sendable {
    public enum Verdict: String, ClosedChoice {
        public static let choiceName = "a verdict"
        public static let choiceField = "verdict"

        case approved, rejected

        /// The tenant's status the decision moves it to.
        public var tenantStatus: TenantStatus {
            switch self {
            case .approved: .approved
            case .rejected: .rejected
            }
        }
    }

    public var application: Int64
    public var verdict: Verdict
    /// The session's result the decision follows (passed, failed or vetoed).
    public var outcome: ReviewTally.Outcome
    public var scoreHundredths: Int
    public var reasons: [String]
    /// The decision this one replaces, with why.
    public var supersedes: Int64?
    /// The score broken down: each criterion's mean over the sheets that counted.
    public var breakdown: [CriterionMean] = []

    /// One criterion's mean over the sheets that counted, in hundredths (rounded half-up once).
    @MemberwiseInit
    public struct CriterionMean: Equatable, Sendable {
        public var criterion: String
        public var hundredths: Int
    }

    /// Each criterion's mean over `counted` (the sheets the result counted, the dropped ones
    /// left out), in the sheets' order of criteria.
    public static func breakdown(of counted: [ScoreSheet]) -> [CriterionMean] {
        guard let first = counted.first else { return [] }
        return first.scores.map { entry in
            let values = counted.compactMap { sheet in sheet.scores.first { $0.criterion == entry.criterion }?.score.halfPoints }
            return CriterionMean(criterion: entry.criterion, hundredths: ReviewTally.meanHundredths(halfPoints: values))
        }
    }

    /// One applicant's result as the notice posted it.
    @MemberwiseInit
    public struct Result: Equatable, Sendable {
        public var application: Int64
        public var outcome: ReviewTally.Outcome
        public var scoreHundredths: Int
        /// The vetoes, item and reason (never who vetoed).
        public var vetoes: [ScoreSheet.Veto]
        /// Each criterion's mean over the sheets that counted.
        public var breakdown: [CriterionMean] = []
    }

    /// An objection to an applicant's result, as far as the decision is concerned.
    @MemberwiseInit
    public struct Objection: Equatable, Sendable {
        public var id: Int64
        public var application: Int64
        /// Nil while open.
        public var resolution: ObjectionResolution?
    }

    /// What the end of a notice means for one applicant.
    public enum Disposition: Equatable, Sendable {
        /// Final: record it and move the tenant.
        case decided(ReviewDecision)
        /// An open objection holds the decision until it is resolved.
        case held(objections: [Int64])
        /// An upheld objection: the posted result does not stand, so no decision follows from it
        /// (the admin records one, or the application is reviewed again).
        case withdrawn(objection: Int64)
        /// A decision is already recorded.
        case alreadyDecided
    }

    /// The verdict a result gives: approved if it passed, rejected if it failed or was vetoed.
    public static func verdict(for outcome: ReviewTally.Outcome) -> Verdict {
        outcome == .passed ? .approved : .rejected
    }

    /// The reasons recorded with a decision that follows a result.
    public static func reasons(for result: Result, thresholdHundredths: Int) -> [String] {
        let score = ReviewTally.points(hundredths: result.scoreHundredths)
        let threshold = ReviewTally.points(hundredths: thresholdHundredths)
        switch result.outcome {
        case .passed: return ["score \(score) is at or above the threshold \(threshold)"]
        case .failed: return ["score \(score) is below the threshold \(threshold)"]
        case .vetoed: return result.vetoes.map { "vetoed on \($0.item): \($0.reason)" }
        }
    }

    /// What the end of a session's notice decides for each applicant: a result with an open
    /// objection is held, one with an upheld objection is withdrawn, any other is final. Only
    /// after the notice's last day (`today` later than its end).
    public static func atEndOfNotice(
        notice: ReviewNotice, results: [Result], objections: [Objection], decided: Set<Int64>, thresholdHundredths: Int,
        today: CivilDate
    ) throws(DomainError) -> [(application: Int64, disposition: Disposition)] {
        guard today > notice.period.endsOn else {
            throw .invalid("session", "the notice of review session \(notice.session) runs until \(notice.period.endsOn); nothing is final before it ends")
        }
        return results.map { result in
            (result.application, disposition(of: result, objections: objections, decided: decided, thresholdHundredths: thresholdHundredths))
        }
    }

    static func disposition(of result: Result, objections: [Objection], decided: Set<Int64>, thresholdHundredths: Int) -> Disposition {
        if decided.contains(result.application) { return .alreadyDecided }
        let mine = objections.filter { $0.application == result.application }
        let open = mine.filter { $0.resolution == nil }.map(\.id)
        if !open.isEmpty { return .held(objections: open) }
        if let upheld = mine.first(where: { $0.resolution == .upheld }) { return .withdrawn(objection: upheld.id) }
        return .decided(ReviewDecision(
            application: result.application, verdict: verdict(for: result.outcome), outcome: result.outcome,
            scoreHundredths: result.scoreHundredths, reasons: reasons(for: result, thresholdHundredths: thresholdHundredths), supersedes: nil,
            breakdown: result.breakdown))
    }

    /// A new decision replacing `previous` (recorded as `previousID`) for a corrected error:
    /// only the latest decision on an application is superseded, and the new one records its
    /// reason and the verdict it gives.
    public static func superseding(
        _ previousID: Int64, previous: ReviewDecision, supersededBy: Int64?, verdict: Verdict, reason: String
    ) throws(DomainError) -> ReviewDecision {
        if let later = supersededBy {
            throw .invalid("decision", "decision \(previousID) is already superseded by decision \(later); supersede the latest")
        }
        let trimmed = reason.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .invalid("reason", "a superseding decision needs the reason for the correction") }
        return ReviewDecision(
            application: previous.application, verdict: verdict, outcome: previous.outcome, scoreHundredths: previous.scoreHundredths,
            reasons: [trimmed], supersedes: previousID, breakdown: previous.breakdown)
    }

    /// What a superseding decision with a changed verdict does to the firm's record: a firm
    /// still `approved` or `rejected` moves to the new verdict's status today — the only way
    /// between those two, which `tenant transition` never allows — and one that has moved on
    /// (active, exiting, exited) is refused: a decision is corrected only before the firm moves in.
    /// An approved firm whose first lease has started has moved in, though its onboarding
    /// checklist keeps it `approved`; one holding a lease signed for later is rejected only once
    /// that lease is withdrawn (a terminated lease still holds its units from its start).
    /// `leases` are the firm's.
    public static func correction(
        of tenant: Tenant, to verdict: Verdict, superseding previousID: Int64, reason: String, leases: [Lease], today: CivilDate
    ) throws(DomainError) -> StatusChange? {
        let target = verdict.tenantStatus
        guard tenant.status != target else { return nil }
        guard tenant.status == .approved || tenant.status == .rejected else {
            throw .invalid("verdict", "tenant \(tenant.id ?? 0) is \(tenant.status.rawValue): a decision's verdict is corrected only while the firm is approved or rejected, before it moves in")
        }
        if target == .rejected, let first = leases.min(by: { $0.start < $1.start }) {
            guard first.start > today else {
                throw .invalid("verdict", "tenant \(tenant.id ?? 0) moved in on \(first.start) (lease \(first.id ?? 0)): a decision's verdict is corrected only before the firm moves in")
            }
            throw .invalid("verdict", "tenant \(tenant.id ?? 0) holds lease \(first.id ?? 0), signed to start on \(first.start): withdraw it (lease withdraw) before the approval is corrected to a rejection")
        }
        guard today >= tenant.statusSince else {
            throw .invalid("verdict", "today (\(today)) is before \(tenant.statusSince), when the tenant became \(tenant.status.rawValue)")
        }
        return StatusChange(from: tenant.status, to: target, on: today, reason: "decision \(previousID) superseded: \(reason)")
    }
}
