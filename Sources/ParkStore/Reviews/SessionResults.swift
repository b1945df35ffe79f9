import ParkCore

/// A closed session's results, with every sheet that counted revealed.
public struct SessionResults: Sendable, Equatable {
    public struct Applicant: Sendable, Equatable {
        public var application: AgendaApplication
        /// Panel members not conflicted with the applicant.
        public var eligible: Int
        /// Nil for an application withdrawn before the close.
        public var scoreHundredths: Int?
        /// passed, failed, vetoed or withdrawn.
        public var outcome: String
        /// The sheets that counted (the latest version of each eligible reviewer's).
        public var sheets: [StoredSheet]
        public var dropped: [Int64]
        public var dissents: [StoredDissent]
    }

    public var session: StoredReviewSession
    public var rules: ScoringRules
    public var closedAt: String
    public var applicants: [Applicant]
}

/// A closed session recomputed from its stored sheets.
public struct ReviewVerification: Sendable, Equatable {
    public var session: Int64
    /// Sheet and dissent versions whose commitments were checked.
    public var checkedVersions: Int
    public var differences: [String]
    public var agrees: Bool { differences.isEmpty }
}
