/// An application proposed for a session's agenda, as the park holds it.
public struct AgendaCandidate: Equatable, Sendable {
    public var application: Int64
    public var status: ApplicationStatus
    /// The open session whose agenda holds it already, if any.
    public var onSession: Int64?

    public init(application: Int64, status: ApplicationStatus, onSession: Int64?) {
        self.application = application
        self.status = status
        self.onSession = onSession
    }
}
