import MemberwiseInit

/// A member of a review panel: a local user of the reviewer group, known by uid (what the
/// socket's peer credentials give) and by name.
@MemberwiseInit
public struct Reviewer: Hashable, Sendable {
    public var uid: Int64
    public var name: String
}
