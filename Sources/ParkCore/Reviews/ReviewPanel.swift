/// The reviewers of a session: an odd number, at least five, none twice.
public struct ReviewPanel: Equatable, Sendable {
    public static let smallest = 5

    /// In the order they were added.
    public let members: [Reviewer]

    /// A panel of `members`; `field` names the request's field in errors.
    public init(_ members: [Reviewer], field: String = "panel") throws(DomainError) {
        var seen = Set<Int64>()
        for member in members where !seen.insert(member.uid).inserted {
            throw .invalid(field, "\(member.name) is on the panel twice")
        }
        guard members.count >= Self.smallest, members.count % 2 == 1 else {
            let why = members.count < Self.smallest ? "fewer than \(Self.smallest)" : "an even number"
            throw .invalid(field, "a panel of \(members.count) is \(why); a panel has an odd number of at least \(Self.smallest) reviewers")
        }
        self.members = members
    }

    /// Restores a panel exactly as stored.
    public init(restoring members: [Reviewer]) {
        self.members = members
    }

    /// The panel with `added` and without `removed`, checked as a new panel.
    public func changed(adding added: [Reviewer], removing removed: [Reviewer]) throws(DomainError) -> ReviewPanel {
        guard !added.isEmpty || !removed.isEmpty else { throw .invalid("add", "nothing to change: name reviewers to add or remove") }
        for reviewer in added where members.contains(where: { $0.uid == reviewer.uid }) {
            throw .invalid("add", "\(reviewer.name) is on the panel already")
        }
        for reviewer in removed where !members.contains(where: { $0.uid == reviewer.uid }) {
            throw .invalid("remove", "\(reviewer.name) is not on the panel")
        }
        let kept = members.filter { member in !removed.contains { $0.uid == member.uid } }
        return try ReviewPanel(kept + added, field: added.isEmpty ? "remove" : "add")
    }
}
