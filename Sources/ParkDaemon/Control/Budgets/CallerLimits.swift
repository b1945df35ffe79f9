/// What one caller may take of parkd (`limits:` in the configuration), so that no local user —
/// anyone who can open the socket — can crowd out the others or exhaust the daemon.
public struct CallerLimits: Sendable, Equatable {
    /// Connections one user (uid) may hold at once; root and admins are not counted against it.
    public var connectionsPerUser = 64
    /// Connections kept for root and admins: other callers together may hold at most
    /// `socket.max_connections` less this many (and always at least one).
    public var reservedForAdmins = 16
    /// Bytes of replies that may wait for a connection's reader; past it, parkd stops reading
    /// that connection's calls until the reader catches up (back-pressure).
    public var replyBufferBytes = 1 << 20
    /// Calls per second a caller without a role may make (a burst of twice as many); further
    /// calls wait their turn.
    public var callsPerSecondWithoutRole = 50
    /// Refused calls of a caller without a role recorded in the audit trail per minute; the
    /// others are counted, and the next recorded entry says how many were left out.
    public var refusedCallsAuditedPerMinute = 30
    /// Bytes of a refused call's parameters that its audit entry keeps; longer parameters are
    /// kept as their first bytes, their length and their SHA-256.
    public var refusedParametersBytes = 1024
    /// Seconds a policy check, test or simulation may compute before it is stopped.
    public var computeSeconds = 60

    public init() {}
}
