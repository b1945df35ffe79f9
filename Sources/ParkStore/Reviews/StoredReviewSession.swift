import ParkCore

/// A session as stored, with what its agenda's applications are called.
public struct StoredReviewSession: Sendable, Equatable {
    public var session: ReviewSession
    public var id: Int64 { session.id ?? 0 }
    /// The agenda's applications, in its order.
    public var agenda: [AgendaApplication]
    public var createdAt: String
    public var createdBy: String
}
