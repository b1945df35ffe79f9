/// Who declares a reviewer's ties and conflicts, and whose a caller sees: a reviewer declares
/// and sees their own only; an administrator declares for a reviewer they name, and sees every
/// panel member's, as an auditor does.
public enum ConflictDeclarations {
    /// The reviewer a declaration by `caller` is about: `named` (which `resolve` finds among
    /// the reviewers) when an administrator declares; the caller themselves when a reviewer
    /// does, who may name no one else.
    public static func reviewer(
        named: String?, caller: Reviewer, callerIsAdmin: Bool, resolve: (String) throws -> Reviewer
    ) throws -> Reviewer {
        if callerIsAdmin {
            guard let named else { throw DomainError.invalid("reviewer", "name the reviewer: an administrator declares for a reviewer") }
            return try resolve(named)
        }
        if let named, named != caller.name, named != String(caller.uid) {
            throw DomainError.invalid("reviewer", "a reviewer declares for themselves only, not for \(named)")
        }
        return caller
    }

    /// The reviewer whose conflicts `caller` sees: nil (every one) for an administrator or an
    /// auditor, else the caller's own uid.
    public static func visibleReviewer(caller: Reviewer, readsEveryones: Bool) -> Int64? {
        readsEveryones ? nil : caller.uid
    }
}
