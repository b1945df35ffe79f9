import Foundation
import GRDB
import ParkCore
import ParkPolicy

/// A reward calculation run as stored.
public struct StoredRewardRun: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The first run of a period (and rule selection).
        case regular
        /// A later run of an approved period: only the differences from what was approved.
        case adjustment
    }

    public enum Status: String, Sendable {
        case draft
        /// Immutable from then on.
        case approved
        /// A draft replaced by a newer run of the same period and rules.
        case superseded
    }

    public var id: Int64
    public var period: String
    public var kind: Kind
    public var status: Status
    public var rules: [String]
    /// Policy id and content hash of each policy the run read.
    public var policyVersions: [(policy: String, hash: String)]
    public var inputsHash: String
    public var totalFen: Int64
    public var lineCount: Int
    /// The approved runs an adjustment corrects.
    public var adjusts: [Int64]
    public var createdAt: String
    public var createdBy: String
    public var approvedAt: String?
    public var approvedBy: String?

    public static func == (lhs: StoredRewardRun, rhs: StoredRewardRun) -> Bool {
        lhs.id == rhs.id && lhs.status == rhs.status && lhs.totalFen == rhs.totalFen && lhs.approvedAt == rhs.approvedAt
    }
}

/// What a new run is made of, before it is stored.
public struct NewRewardRun: Sendable {
    public var period: String
    public var rules: [String]
    public var lines: [RewardLine]
    public var policyVersions: [(policy: String, hash: String)]
    /// The inputs as canonical JSON, and their SHA-256.
    public var inputs: [UInt8]
    public var inputsHash: String

    public init(period: String, rules: [String], lines: [RewardLine], policyVersions: [(policy: String, hash: String)], inputs: [UInt8], inputsHash: String) {
        self.period = period
        self.rules = rules
        self.lines = lines
        self.policyVersions = policyVersions
        self.inputs = inputs
        self.inputsHash = inputsHash
    }
}

extension ParkDatabase {
    /// Everything the policies may read, for periods up to the end of `year`: every tenant that
    /// ever became active, its status history, leases, and current reports up to that year.
    public func rewardInputs(throughYear year: Int) async throws -> RewardInputs {
        try await readInBackground { db in
            let lastMonth = "\(year)-12"
            var lines: [Int64: [String]] = [:], tags: [Int64: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT tenantId, line FROM tenantBusinessLine ORDER BY tenantId, line") {
                lines[row[0], default: []].append(row[1])
            }
            for row in try Row.fetchAll(db, sql: "SELECT tenantId, tag FROM tenantTag ORDER BY tenantId, tag") {
                tags[row[0], default: []].append(row[1])
            }
            var changes: [Int64: [StatusFact]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT tenantId, toStatus, effectiveOn FROM tenantStatusChange ORDER BY tenantId, id") {
                changes[row[0], default: []].append(StatusFact(to: row[1], on: row[2]))
            }
            var units: [Int64: [LeasedUnitFact]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT leaseUnit.leaseId, rentalUnit.building, rentalUnit.number, rentalUnit.kind, leaseUnit.areaCenti
                FROM leaseUnit JOIN rentalUnit ON rentalUnit.id = leaseUnit.rentalUnitId
                ORDER BY leaseUnit.leaseId, rentalUnit.building, rentalUnit.number
                """) {
                let label = "\(row[1] as String)-\(row[2] as String)"
                units[row[0], default: []].append(LeasedUnitFact(label: label, kind: row[3], centiSquareMetres: row[4]))
            }
            var rents: [Int64: [RentFact]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT leaseId, effectiveFrom, rentFen FROM leaseRent ORDER BY leaseId, effectiveFrom, id") {
                rents[row[0], default: []].append(RentFact(from: row[1], fenPerSquareMetre: row[2]))
            }
            var leases: [Int64: [LeaseFact]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, tenantId, start, COALESCE(terminatedOn, \"end\") FROM lease ORDER BY tenantId, start, id") {
                let id: Int64 = row[0]
                leases[row[1], default: []].append(LeaseFact(id: id, start: row[2], lastDay: row[3], units: units[id] ?? [], rents: rents[id] ?? []))
            }
            var reports: [Int64: [ReportFact]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT tenantId, month, version, revenueFen, taxFen, employersServed, workersDispatched, workersOutsourced,
                  jobSeekersServed, placements, trainingSessions, trainingAttendees, phdHires, headcount
                FROM operatingReport WHERE isCurrent AND month <= ? ORDER BY tenantId, month
                """, arguments: [lastMonth]) {
                let figures: [String: Int64] = [
                    "revenue": row[3], "tax": row[4], "employers_served": row[5], "workers_dispatched": row[6],
                    "workers_outsourced": row[7], "job_seekers_served": row[8], "placements": row[9],
                    "training_sessions": row[10], "training_attendees": row[11], "phd_hires": row[12], "headcount": row[13],
                ]
                reports[row[0], default: []].append(ReportFact(month: row[1], version: row[2], figures: figures))
            }
            return RewardInputs(tenants: try Row.fetchAll(db, sql: """
                SELECT id, name, creditCode, origin, appliedOn FROM tenant
                WHERE id IN (SELECT tenantId FROM tenantStatusChange WHERE toStatus = 'active') ORDER BY id
                """).map { row in
                let id: Int64 = row[0]
                return TenantFacts(
                    id: id, name: row[1], creditCode: row[2], businessLines: lines[id] ?? [], tags: tags[id] ?? [], origin: row[3],
                    appliedOn: row[4], statusChanges: changes[id] ?? [], leases: leases[id] ?? [], reports: reports[id] ?? [])
            })
        }
    }

    /// Stores a run as a draft, decided against the approved runs of its period: a rule that
    /// an approved run covered gets only the differences from everything approved for each
    /// tenant (an adjustment), whatever rules either run was limited to. Earlier drafts of the
    /// same period and rules are superseded.
    public func createRewardRun(_ run: NewRewardRun, context: ChangeContext) async throws -> StoredRewardRun {
        try await write(audit: context.call, at: context.at, outcome: context.outcome) { db in
            let approved = try ParkDatabase.approvedRuns(db, period: run.period, rules: run.rules)
            let decision = try RewardRunDecision.decide(period: run.period, rules: run.rules, computed: run.lines, approved: approved)
            let rules = run.rules.joined(separator: ",")
            try db.execute(sql: "UPDATE rewardRun SET status = 'superseded' WHERE period = ? AND rules = ? AND status = 'draft'",
                           arguments: [run.period, rules])
            let kind: StoredRewardRun.Kind = decision.isAdjustment ? .adjustment : .regular
            try db.execute(sql: """
                INSERT INTO rewardRun (period, kind, status, rules, policyVersions, inputsHash, inputs, totalFen, lineCount, adjusts, createdAt, createdBy)
                VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    run.period, kind.rawValue, rules, run.policyVersions.map { "\($0.policy)=\($0.hash)" }.joined(separator: ","),
                    run.inputsHash, Data(run.inputs), decision.lines.reduce(Int64(0)) { $0 + $1.line.fen }, decision.lines.count,
                    decision.adjusts.map(String.init).joined(separator: ","), context.at, context.recordedBy,
                ])
            let id = db.lastInsertedRowID
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let insert = try db.cachedStatement(sql: """
                INSERT INTO rewardLine (rewardRunId, tenantId, creditCode, tenantName, rule, period, amountFen, kind, explanation)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for decided in decision.lines {
                let line = decided.line
                let explanation = try line.explanation.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
                try insert.execute(arguments: [
                    id, line.tenantID, line.creditCode, line.tenantName, line.rule, line.period, line.fen, decided.kind.rawValue, explanation,
                ])
            }
            return try ParkDatabase.loadRuns(db, where: "id = ?", [id])[0]
        }
    }

    /// The approved runs of a period that cover any of `rules`, with their lines of those rules.
    static func approvedRuns(_ db: Database, period: String, rules: [String]) throws -> [ApprovedRewardRun] {
        try loadRuns(db, where: "period = ? AND status = 'approved'", [period])
            .filter { run in run.rules.contains { rules.contains($0) } }
            .map { run in
                ApprovedRewardRun(
                    id: run.id, rules: run.rules,
                    lines: try loadLines(db, runs: [run.id], tenant: nil, explanations: false).filter { rules.contains($0.rule) })
            }
    }

    public func rewardRuns(period: String?) async throws -> [StoredRewardRun] {
        try await read { db in
            period == nil ? try ParkDatabase.loadRuns(db, where: "1", []) : try ParkDatabase.loadRuns(db, where: "period = ?", [period!])
        }
    }

    public func rewardRun(_ id: Int64) async throws -> StoredRewardRun {
        try await read { db in
            guard let run = try ParkDatabase.loadRuns(db, where: "id = ?", [id]).first else { throw StoreError.noSuchRun(id) }
            return run
        }
    }

    /// A run's lines, by tenant then rule; explanations only when asked for.
    public func rewardLines(run: Int64, tenant: Int64? = nil, explanations: Bool) async throws -> [RewardLine] {
        try await readInBackground { db in
            try ParkDatabase.loadLines(db, runs: [run], tenant: tenant, explanations: explanations)
        }
    }

    /// The canonical JSON of a run's inputs.
    public func rewardRunInputs(_ id: Int64) async throws -> [UInt8] {
        try await readInBackground { db in
            guard let data = try Data.fetchOne(db, sql: "SELECT inputs FROM rewardRun WHERE id = ?", arguments: [id]) else {
                throw StoreError.noSuchRun(id)
            }
            return Array(data)
        }
    }

    /// Approves a draft that is still computed against every approved run of its period and
    /// rules; it can never change again. The database itself refuses a second approved first
    /// amount for a tenant, rule and period (trigger `rewardRun_firstAmountOnce`).
    public func approveRewardRun(_ id: Int64, context: ChangeContext) async throws -> StoredRewardRun {
        try await write(audit: context.call, at: context.at, outcome: context.outcome) { db in
            guard let run = try ParkDatabase.loadRuns(db, where: "id = ?", [id]).first else { throw StoreError.noSuchRun(id) }
            guard run.status == .draft else { throw StoreError.runNotDraft(id, status: run.status.rawValue) }
            try RewardRunDecision.checkApprovable(
                run: id, period: run.period, rules: run.rules, adjusts: run.adjusts,
                approvedNow: try ParkDatabase.approvedRuns(db, period: run.period, rules: run.rules))
            try db.execute(sql: "UPDATE rewardRun SET status = 'approved', approvedAt = ?, approvedBy = ? WHERE id = ?",
                           arguments: [context.at, context.recordedBy, id])
            return try ParkDatabase.loadRuns(db, where: "id = ?", [id])[0]
        }
    }

    static func loadRuns(_ db: Database, where condition: String, _ arguments: [any DatabaseValueConvertible]) throws -> [StoredRewardRun] {
        try Row.fetchAll(db, sql: """
            SELECT id, period, kind, status, rules, policyVersions, inputsHash, totalFen, lineCount, adjusts, createdAt, createdBy,
              approvedAt, approvedBy
            FROM rewardRun WHERE \(condition) ORDER BY id
            """, arguments: StatementArguments(arguments)).map { row in
            guard let kind = StoredRewardRun.Kind(rawValue: row[2]), let status = StoredRewardRun.Status(rawValue: row[3]) else {
                throw StoreError.unusable("rewardRun \(row[0] as Int64)", "holds a kind or status this parkd does not know")
            }
            let versions = (row[5] as String).split(separator: ",").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1)
                return (policy: String(parts[0]), hash: parts.count > 1 ? String(parts[1]) : "")
            }
            return StoredRewardRun(
                id: row[0], period: row[1], kind: kind, status: status, rules: (row[4] as String).split(separator: ",").map(String.init),
                policyVersions: versions, inputsHash: row[6], totalFen: row[7], lineCount: row[8],
                adjusts: (row[9] as String).split(separator: ",").compactMap { Int64($0) }, createdAt: row[10], createdBy: row[11],
                approvedAt: row[12], approvedBy: row[13])
        }
    }

    static func loadLines(_ db: Database, runs: [Int64], tenant: Int64?, explanations: Bool) throws -> [RewardLine] {
        guard !runs.isEmpty else { return [] }
        let decoder = JSONDecoder()
        var sql = """
            SELECT tenantId, creditCode, tenantName, rule, period, amountFen, \(explanations ? "explanation" : "NULL")
            FROM rewardLine WHERE rewardRunId IN (\(runs.map(String.init).joined(separator: ",")))
            """
        var arguments: StatementArguments = []
        if let tenant {
            sql += " AND tenantId = ?"
            arguments = [tenant]
        }
        return try Row.fetchAll(db, sql: sql + " ORDER BY tenantId, id", arguments: arguments).map { row in
            let explanation = try (row[6] as String?).map { try decoder.decode(Explanation.self, from: Data($0.utf8)) }
            return RewardLine(tenantID: row[0], creditCode: row[1], tenantName: row[2], rule: row[3], period: row[4], fen: row[5], explanation: explanation)
        }
    }
}

extension ParkDatabase {
    /// First amounts approved more than once for the same tenant, rule and period, as
    /// "tenant 1 TRAINING 2021-06 in runs 1, 3": left by an earlier parkd, which decided a run
    /// limited to some rules without the approved runs of other rule selections. Approved runs
    /// never change, so they are reported for finance to settle, not rewritten.
    public func amountsApprovedTwice() async throws -> [String] {
        try await readInBackground { db in
            try Row.fetchAll(db, sql: """
                SELECT rewardLine.tenantId, rewardLine.rule, rewardLine.period, GROUP_CONCAT(rewardLine.rewardRunId, ', ')
                FROM rewardLine JOIN rewardRun ON rewardRun.id = rewardLine.rewardRunId AND rewardRun.status = 'approved'
                WHERE rewardLine.kind = 'regular'
                GROUP BY rewardLine.tenantId, rewardLine.rule, rewardLine.period HAVING COUNT(*) > 1
                ORDER BY rewardLine.period, rewardLine.tenantId, rewardLine.rule
                """).map { row in "tenant \(row[0] as Int64) \(row[1] as String) \(row[2] as String) in runs \(row[3] as String)" }
        }
    }
}
