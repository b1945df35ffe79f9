import ParkCore
import Testing

@Suite("The audit trail sealed with a key")
struct AuditSealTests {
    static let key = AuditKey(bytes: Array(repeating: 7, count: 32))!
    static let otherKey = AuditKey(bytes: Array(repeating: 8, count: 32))!

    /// `plain` unsealed entries, then `sealed` sealed with `key`.
    func chain(plain: Int, sealed: Int, key: AuditKey = key) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for index in 0..<(plain + sealed) {
            entries.append(AuditEntry(
                after: entries.last.map { ($0.id, $0.hash) }, at: "2026-12-02T00:00:0\(index).000Z", uid: 0,
                user: "root", pid: 100 + Int64(index), method: "io.parkd.Tenant.Create",
                parameters: #"{"name":"firm \#(index)"}"#, outcome: "ok", key: index < plain ? nil : key))
        }
        return entries
    }

    func problem(_ entries: [AuditEntry], key: AuditKey?) -> String? {
        var check = AuditChainCheck(key: key)
        for entry in entries {
            if let problem = check.check(entry) { return problem }
        }
        return check.finish()
    }

    /// What someone who can write the database but not read the key can do: edit an entry and
    /// recompute every hash after it with plain SHA-256 — keeping the key ids, or dropping them.
    func recomputedWithoutKey(_ entries: [AuditEntry], dropKeys: Bool) -> [AuditEntry] {
        var rewritten: [AuditEntry] = []
        for var entry in entries {
            if entry.id == 2 { entry.user = "mallory" }
            rewritten.append(AuditEntry(
                after: rewritten.last.map { ($0.id, $0.hash) }, at: entry.at, uid: entry.uid, user: entry.user, pid: entry.pid,
                method: entry.method, parameters: entry.parameters, outcome: entry.outcome))
            if !dropKeys, let keyID = entry.keyID {
                // The key id copied, the hash still plain SHA-256 (no key to make the HMAC).
                var forged = rewritten.removeLast()
                forged.keyID = keyID
                rewritten.append(forged)
            }
        }
        return rewritten
    }

    @Test("a key needs 32 bytes, and its id names it without revealing it")
    func keys() {
        #expect(AuditKey(bytes: Array(repeating: 1, count: 31)) == nil)
        #expect(Self.key.id.count == 16)
        #expect(Self.key.id != Self.otherKey.id)
    }

    @Test("a trail written before the key, then sealed, verifies with the key")
    func sealedAfterPlain() {
        let entries = chain(plain: 3, sealed: 3)
        #expect(entries.map { $0.keyID == nil } == [true, true, true, false, false, false])
        #expect(problem(entries, key: Self.key) == nil)
        // The plain entries keep the hash they had before keys existed.
        #expect(entries[0].expectedHash(key: nil) == entries[0].hash)
    }

    @Test("sealed entries cannot be checked without their key")
    func wrongKey() {
        let entries = chain(plain: 0, sealed: 2)
        #expect(problem(entries, key: Self.otherKey) == "entry 1 is sealed with key \(Self.key.id), and parkd holds key \(Self.otherKey.id): it cannot be checked")
        #expect(problem(entries, key: nil) == "entry 1 is sealed with key \(Self.key.id), and parkd holds no audit key: it cannot be checked")
    }

    @Test("an edited entry with the chain recomputed without the key fails, whether the key ids are kept or dropped")
    func recomputed() {
        let entries = chain(plain: 1, sealed: 4)
        #expect(problem(recomputedWithoutKey(entries, dropKeys: false), key: Self.key) == "entry 2 was altered: its content no longer matches its hash")
        // Dropped from the sealed ones: the newest entry is unsealed while parkd holds a key.
        #expect(problem(recomputedWithoutKey(entries, dropKeys: true), key: Self.key)
            == "entry 5, the newest, is not sealed although parkd holds audit key \(Self.key.id): the chain was rewritten without the key")
        // Dropped from the later ones only: an unsealed entry after a sealed one.
        var partly = entries
        partly[4] = AuditEntry(
            after: (partly[3].id, partly[3].hash), at: partly[4].at, uid: 0, user: "mallory", pid: 1, method: partly[4].method,
            parameters: partly[4].parameters, outcome: "ok")
        #expect(problem(partly, key: Self.key) == "entry 5 is not sealed although entry 2 before it is: the chain was rewritten without the key")
    }
}
