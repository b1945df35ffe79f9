import ParkCore
import Testing

@Suite("Who declares a reviewer's conflicts, and whose a caller sees")
struct ConflictDeclarationsTests {
    let wang = Reviewer(uid: 1001, name: "wang")
    let li = Reviewer(uid: 1002, name: "li")

    func find(_ name: String) throws -> Reviewer {
        guard name == "li" else { throw DomainError.invalid("reviewer", "\(name) is no reviewer") }
        return li
    }

    @Test("a reviewer declares for themselves, named by name, by uid or not at all, and for no one else")
    func reviewerForThemselves() throws {
        for named in [nil, "wang", "1001"] {
            #expect(try ConflictDeclarations.reviewer(named: named, caller: wang, callerIsAdmin: false, resolve: find) == wang)
        }
        #expect(throws: DomainError.invalid("reviewer", "a reviewer declares for themselves only, not for li")) {
            try ConflictDeclarations.reviewer(named: "li", caller: wang, callerIsAdmin: false, resolve: find)
        }
        #expect(ConflictDeclarations.visibleReviewer(caller: wang, readsEveryones: false) == 1001)
    }

    @Test("an administrator names the reviewer a declaration is about, and sees every member's conflicts")
    func administratorNames() throws {
        #expect(try ConflictDeclarations.reviewer(named: "li", caller: wang, callerIsAdmin: true, resolve: find) == li)
        #expect(throws: DomainError.invalid("reviewer", "name the reviewer: an administrator declares for a reviewer")) {
            try ConflictDeclarations.reviewer(named: nil, caller: wang, callerIsAdmin: true, resolve: find)
        }
        #expect(throws: DomainError.invalid("reviewer", "zhao is no reviewer")) {
            try ConflictDeclarations.reviewer(named: "zhao", caller: wang, callerIsAdmin: true, resolve: find)
        }
        #expect(ConflictDeclarations.visibleReviewer(caller: wang, readsEveryones: true) == nil)
    }
}
