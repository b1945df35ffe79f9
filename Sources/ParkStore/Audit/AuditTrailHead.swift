import MemberwiseInit

/// The newest entry of an audit trail: its id and hash. Noted outside the database as an
/// anchor, and by a restore for the trail it put in place and the one it replaced.
@MemberwiseInit
public struct AuditTrailHead: Codable, Sendable, Equatable {
    public var id: Int64
    public var hash: String
}
