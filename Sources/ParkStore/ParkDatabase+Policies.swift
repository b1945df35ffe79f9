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
        return try await write(audit: context.call, at: context.at, outcome: context.outcome) { db in
            var ids: [Int64] = []
            for policy in policies {
                if let id = try Int64.fetchOne(db, sql: "SELECT id FROM policyVersion WHERE hash = ?", arguments: [policy.hash]) {
                    ids.append(id)
                    continue
                }
                try db.execute(sql: """
                    INSERT INTO policyVersion (policyId, hash, fileName, source, firstLoadedAt) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [policy.id, policy.hash, policy.fileName, policy.source, context.at])
                ids.append(db.lastInsertedRowID)
            }
            try db.execute(sql: "INSERT INTO policyLoad (loadedAt, versionIds) VALUES (?, ?)",
                           arguments: [context.at, ids.sorted().map(String.init).joined(separator: ",")])
            return true
        }
    }

    /// The policy texts of the latest load (what was in force when parkd last ran).
    public func policiesLastInForce() async throws -> [StoredPolicyVersion] {
        try await read { db in
            guard let ids = try String.fetchOne(db, sql: "SELECT versionIds FROM policyLoad ORDER BY id DESC LIMIT 1"), !ids.isEmpty else {
                return []
            }
            return try ParkDatabase.loadPolicyVersions(db, where: "id IN (\(ids))", [])
        }
    }

    /// Stored versions by content hash (those not stored are missing from the result).
    public func policyVersions(hashes: [String]) async throws -> [StoredPolicyVersion] {
        try await read { db in
            try ParkDatabase.loadPolicyVersions(db, where: "hash IN (\(hashes.map { _ in "?" }.joined(separator: ",")))", hashes)
        }
    }

    private static func loadPolicyVersions(_ db: Database, where condition: String, _ arguments: [String]) throws -> [StoredPolicyVersion] {
        try Row.fetchAll(db, sql: "SELECT policyId, hash, fileName, source FROM policyVersion WHERE \(condition) ORDER BY id",
                         arguments: StatementArguments(arguments)).map { row in
            StoredPolicyVersion(policyID: row[0], hash: row[1], fileName: row[2], source: row[3])
        }
    }
}
