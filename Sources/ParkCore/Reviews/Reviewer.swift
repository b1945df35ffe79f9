/// A member of a review panel: a local user of the reviewer group, known by uid (what the
/// socket's peer credentials give) and by name.
public struct Reviewer: Hashable, Sendable {
    public var uid: Int64
    public var name: String

    public init(uid: Int64, name: String) {
        self.uid = uid
        self.name = name
    }
}
