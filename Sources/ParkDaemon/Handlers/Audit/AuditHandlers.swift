import Foundation
import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Audit`: reading and verifying the trail.
enum AuditHandlers {
    /// Registered after every method that changes the park: `List` filters by those, and by
    /// what parkd records itself (the policy loads, the files the spool takes, schema upgrades,
    /// restores, reloads that changed the configuration, the sealing of the trail and a change
    /// of its key).
    static func register(in table: inout MethodTable, database: ParkDatabase) {
        let audited = table.auditedMethods.merging([
            PolicyRegistry.loadMethod: [PolicyRegistry.loadMethod], TenantSubmissions.intakeMethod: [TenantSubmissions.intakeMethod],
            Daemon.upgradeMethod: [Daemon.upgradeMethod], RestoreNote.method: [RestoreNote.method],
            ReloadService.method: [ReloadService.method],
            ParkDatabase.sealMethod: [ParkDatabase.sealMethod], ParkDatabase.keyChangedMethod: [ParkDatabase.keyChangedMethod],
        ]) { names, _ in names }
        table.add(AuditAPI.interface)

        table.register(AuditAPI.list) { request, call in
            let limit = try DomainError.pageSize(request.limit, standard: 50, maximum: 10_000)
            try DomainError.checkCursor(request.before, field: "before")
            let since = try request.since.map { try sinceInstant($0, state: call.state) }
            let methods = try request.method.map { try recordedMethods($0, among: audited) }
            let page = try await database.auditPage(
                AuditQuery(limit: limit, since: since, methods: methods, before: request.before), maximumBytes: AuditHandlers.pageBytes)
            return AuditAPI.ListReply(entries: page.entries.map(wire), next: page.next)
        }

        table.register(AuditAPI.verify) { request, _ in
            let anchors = try (request.anchors ?? []).map { anchor in
                guard anchor.hash.count == 64, anchor.hash.allSatisfy(\.isHexDigit) else {
                    throw DomainError.invalid("anchors", "the hash of entry \(anchor.id) is not 64 hex digits")
                }
                return (id: anchor.id, hash: anchor.hash.lowercased())
            }
            let result = try await database.verifyAudit(anchors: anchors)
            return AuditAPI.VerifyReply(
                intact: result.intact, entries: result.entries, headHash: result.headHash, headId: result.headID,
                firstBadEntry: result.firstBadEntry, problem: result.problem, firstSealed: result.firstSealed,
                keyId: database.auditKeyID, anchorsChecked: result.anchorsChecked,
                anchorsOfReplacedTrails: result.anchorsOfReplacedTrails == 0 ? nil : result.anchorsOfReplacedTrails)
        }
    }

    /// About how much of the trail one reply holds: half the largest message a client reads.
    static let pageBytes = 512 << 10

    /// `Tenant.Create` or `io.parkd.Tenant.Create`, as the trail stores it: with a renamed
    /// method's other name (`Incubator.Add` and `Incubator.Create`), as calls of it may be stored
    /// under either. A name the trail never holds (unknown, or of a method that changes nothing)
    /// is refused rather than answered with an empty list.
    static func recordedMethods(_ name: String, among audited: [String: Set<String>]) throws(DomainError) -> Set<String> {
        let qualified = name.hasPrefix("io.parkd.") ? name : "io.parkd." + name
        guard let names = audited[qualified] else {
            throw .invalid("method", "'\(name)' is not a method the audit trail records; it records the methods that change the park, such as Tenant.Create (or io.parkd.Tenant.Create)")
        }
        return names
    }

    /// A park-local day (`2026-11-29`) or an RFC 3339 instant, as a stored instant.
    private static func sinceInstant(_ text: String, state: DaemonState) throws -> String {
        if text.count == 10 {
            return state.startOfDay(try CivilDate.parse(text, field: "since"))
        }
        // Foundation reads offsets such as +99:99 too: the text's form is checked first.
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        guard Instant.isRFC3339(text), let date = parser.date(from: text) ?? plain.date(from: text) else {
            throw DomainError.invalid("since", "'\(text)' is neither a date (YYYY-MM-DD) nor an RFC 3339 instant")
        }
        return Instant.rfc3339(millisecondsSinceEpoch: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    private static func wire(_ entry: AuditEntry) -> AuditAPI.Entry {
        let parameters = (try? JSONDecoder().decode(JSONValue.self, from: Data(entry.parameters.utf8))) ?? .string(entry.parameters)
        return AuditAPI.Entry(
            id: entry.id, at: entry.at, uid: entry.uid, user: entry.user, pid: entry.pid, method: entry.method,
            parameters: parameters, outcome: entry.outcome, previousHash: entry.previousHash, hash: entry.hash, keyId: entry.keyID)
    }
}
