import ParkCore

/// The public notice of a session's results as recorded.
public struct StoredReviewNotice: Sendable, Equatable {
    public var notice: ReviewNotice
    public var publishedAt: String
    public var publishedBy: String
    public var closedAt: String?
    public var closedBy: String?
}

/// A notice as it is posted: each applicant's credit code, name, score and outcome, and the
/// objections raised. It names no reviewer.
public struct ReviewNoticePosting: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var application: Int64
        public var creditCode: String
        public var name: String
        /// Nil for an application withdrawn before the close.
        public var scoreHundredths: Int?
        /// passed, failed, vetoed or withdrawn.
        public var outcome: String
    }

    public var notice: StoredReviewNotice
    public var entries: [Entry]
    public var objections: [StoredReviewObjection]
}

/// An objection to an applicant's result, as recorded.
public struct StoredReviewObjection: Sendable, Equatable {
    public var id: Int64
    public var session: Int64
    public var application: Int64
    public var objector: String
    public var grounds: String
    public var evidence: String?
    public var recordedAt: String
    public var recordedBy: String
    public var resolution: ObjectionResolution?
    public var reason: String?
    public var resolvedAt: String?
    public var resolvedBy: String?
}

/// A final decision as recorded, with the decision that replaced it if any.
public struct StoredReviewDecision: Sendable, Equatable {
    public var id: Int64
    public var session: Int64
    public var tenant: Int64?
    public var decision: ReviewDecision
    public var decidedOn: String
    public var recordedAt: String
    public var recordedBy: String
    /// The decision that replaced it: one that superseded it (a correction), or the decision of
    /// a later review of the application (after an accepted appeal).
    public var supersededBy: Int64?
}

/// What closing a notice (or resolving its last objection) decided.
public struct ReviewNoticeClosing: Sendable, Equatable {
    public var notice: StoredReviewNotice
    public var decided: [StoredReviewDecision]
    /// Applications held by open objections, with the objections' ids.
    public var held: [Int64: [Int64]]
    /// Applications whose result an upheld objection withdrew.
    public var withdrawn: [Int64]
}
