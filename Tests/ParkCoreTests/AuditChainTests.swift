import ParkCore
import Testing

@Suite("Audit hash chain")
struct AuditChainTests {
    func chain(_ count: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for index in 0..<count {
            entries.append(AuditEntry(
                after: entries.last.map { ($0.id, $0.hash) }, at: "2026-11-29T00:00:0\(index).000Z", uid: 0,
                user: "root", pid: 100 + Int64(index), method: "io.parkd.Tenant.Create",
                parameters: #"{"name":"firm \#(index)"}"#, outcome: "ok"))
        }
        return entries
    }

    func firstProblem(_ entries: [AuditEntry]) -> String? {
        var check = AuditChainCheck()
        for entry in entries {
            if let problem = check.check(entry) { return problem }
        }
        return nil
    }

    @Test("an untouched chain verifies")
    func intact() {
        let entries = chain(5)
        #expect(entries.first?.previousHash == AuditEntry.genesisHash)
        #expect(entries.map(\.id) == [1, 2, 3, 4, 5])
        #expect(firstProblem(entries) == nil)
    }

    @Test("an edited field breaks the entry's own hash")
    func edited() {
        var entries = chain(5)
        entries[2].outcome = "io.parkd.Service.InvalidField"
        #expect(firstProblem(entries) == "entry 3 was altered: its content no longer matches its hash")
    }

    @Test("a deleted entry leaves a gap")
    func deleted() {
        var entries = chain(5)
        entries.remove(at: 1)
        #expect(firstProblem(entries) == "entry 2 is missing: found entry 3 in its place")
    }

    @Test("renumbering after a deletion still breaks the links")
    func deletedAndRenumbered() {
        var entries = chain(5)
        entries.remove(at: 1)
        for index in entries.indices { entries[index].id = Int64(index + 1) }
        #expect(firstProblem(entries) == "entry 2 does not follow entry 1: its previousHash does not match (deleted or reordered entries)")
    }

    @Test("swapped entries are detected")
    func reordered() {
        var entries = chain(5)
        entries.swapAt(1, 2)
        let swappedIDs = entries.map(\.id)
        #expect(swappedIDs == [1, 3, 2, 4, 5])
        #expect(firstProblem(entries) == "entry 2 is missing: found entry 3 in its place")
    }

    @Test("length prefixes keep field boundaries in the hash")
    func boundaries() {
        let a = AuditEntry(after: nil, at: "t", uid: 0, user: "ab", pid: 1, method: "m", parameters: "{}", outcome: "ok")
        let b = AuditEntry(after: nil, at: "t", uid: 0, user: "a", pid: 1, method: "bm", parameters: "{}", outcome: "ok")
        #expect(a.hash != b.hash)
        #expect(a.hash.count == 64)
    }
}

@Suite("Audit key changes")
struct AuditKeyChangeTests {
    @Test("a trail whose newest entry is sealed is written only with that key, unless the change is accepted")
    func refusal() throws {
        #expect(AuditKeyChange.refusal(newestSealedWith: nil, held: nil, changeAccepted: false) == nil, "an unsealed trail")
        #expect(AuditKeyChange.refusal(newestSealedWith: nil, held: "k1", changeAccepted: false) == nil, "sealed at this start")
        #expect(AuditKeyChange.refusal(newestSealedWith: "k1", held: "k1", changeAccepted: false) == nil)
        let missing = try #require(AuditKeyChange.refusal(newestSealedWith: "k1", held: nil, changeAccepted: false))
        #expect(missing.hasPrefix("the audit trail is sealed with audit key k1, and parkd holds no audit key"), "\(missing)")
        let other = try #require(AuditKeyChange.refusal(newestSealedWith: "k1", held: "k2", changeAccepted: false))
        #expect(other.contains("parkd holds audit key k2 instead") && other.contains("--audit-key-changed"), "\(other)")
        #expect(AuditKeyChange.refusal(newestSealedWith: "k1", held: "k2", changeAccepted: true) == nil)
    }
}
