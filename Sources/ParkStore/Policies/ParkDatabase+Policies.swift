import GRDB
import ParkCore
import ParkPolicy

/// A policy file as stored: its text is what a run's recorded hash refers to.
public struct StoredPolicyVersion: Sendable, Equatable {
    public let policyID: String
    public let hash: String
    public let fileName: String
    public let source: String
}

extension ParkDatabase {
    /// Records the set of policies now in force, storing any version not seen before, audited.
    /// Returns false (and writes nothing) when the set is the one already in force.
    @discardableResult
    public func recordPolicyLoad(_ policies: [Policy], context: ChangeContext) async throws -> Bool {
        let hashes = Set(policies.map(\.hash))
        let inForce = try await read { db in
            try String.fetchAll(db, sql: """
                SELECT hash FROM policyVersion
                WHERE ',' || (SELECT versionIds FROM policyLoad ORDER BY id DESC LIMIT 1) || ',' LIKE '%,' || id || ',%'
                """)
        }
        guard Set(inForce) != hashes else { return false }
        return try await write(context) { db in
            var ids: [Int64] = []
            for policy in policies {
                if let known = try PolicyVersionRecord.filter(PolicyVersionRecord.Columns.hash == policy.hash).fetchOne(db) {
                    ids.append(known.id!)
                    continue
                }
                var version = PolicyVersionRecord(policy, firstLoadedAt: context.at)
                try version.insert(db)
                ids.append(version.id!)
            }
            try PolicyLoadRecord(versionIDs: ids, loadedAt: context.at).insert(db)
            return true
        }
    }

    /// The policy texts of the latest load (what was in force when parkd last ran).
    public func policiesLastInForce() async throws -> [StoredPolicyVersion] {
        try await read { db in
            guard let load = try PolicyLoadRecord.order(PolicyLoadRecord.Columns.id.desc).fetchOne(db) else { return [] }
            return try ParkDatabase.loadPolicyVersions(db, PolicyVersionRecord.filter(load.versionIDs.contains(PolicyVersionRecord.Columns.id)))
        }
    }

    /// Stored versions by content hash (those not stored are missing from the result).
    public func policyVersions(hashes: [String]) async throws -> [StoredPolicyVersion] {
        try await read { db in
            try ParkDatabase.loadPolicyVersions(db, PolicyVersionRecord.filter(hashes.contains(PolicyVersionRecord.Columns.hash)))
        }
    }

    private static func loadPolicyVersions(_ db: Database, _ request: QueryInterfaceRequest<PolicyVersionRecord>) throws -> [StoredPolicyVersion] {
        try request.order(PolicyVersionRecord.Columns.id).fetchAll(db).map(\.storedVersion)
    }
}
