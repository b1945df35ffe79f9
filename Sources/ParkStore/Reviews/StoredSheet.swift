import ParkCore

/// A reviewer's sheet as stored: which session it counts for, its version and when it came.
public struct StoredSheet: Sendable, Equatable {
    public var id: Int64
    public var session: Int64
    public var sheet: ScoreSheet
    public var version: Int
    public var submittedAt: String
    /// Revealed once the session is closed (empty before).
    public var salt: String
    public var commitment: String
}

/// A reviewer's dissent as stored.
public struct StoredDissent: Sendable, Equatable {
    public var session: Int64
    public var dissent: Dissent
    public var version: Int
    public var submittedAt: String
}

/// Who has submitted for each applicant of a session: all there is to know before it closes.
public struct SessionSubmissions: Sendable, Equatable {
    public enum State: String, Sendable {
        case submitted, notSubmitted, conflicted
    }

    public struct Member: Sendable, Equatable {
        public var reviewer: Reviewer
        public var state: State
    }

    public struct Applicant: Sendable, Equatable {
        public var application: AgendaApplication
        public var members: [Member]
    }

    public var session: StoredReviewSession
    public var applicants: [Applicant]
}
