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

    /// The run holding `lines` (its own), as the audit trail records it.
    public func recorded(lines: [RewardLine]) -> RecordedRun {
        RecordedRun(run: id, period: period, status: status.rawValue, total: Money(fen: totalFen), inputsHash: inputsHash, lines: lines)
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

    public init(
        period: String, rules: [String], lines: some Sequence<RewardLine>, policyVersions: [(policy: String, hash: String)], inputs: [UInt8],
        inputsHash: String
    ) {
        self.period = period
        self.rules = rules
        self.lines = Array(lines)
        self.policyVersions = policyVersions
        self.inputs = inputs
        self.inputsHash = inputsHash
    }
}

extension ParkDatabase {
    /// Everything the policies may read, for periods up to the end of `year`: every tenant that
    /// ever became active, its status history, leases, and current reports up to that year.
    public func rewardInputs(throughYear year: Int) async throws -> RewardInputs {
        try await readInBackground { db in try ParkDatabase.rewardInputs(db, throughYear: year) }
    }

    /// `rewardInputs(throughYear:)` in a transaction the caller holds (an approval computes its
    /// period again in the one that approves it).
    static func rewardInputs(_ db: Database, throughYear year: Int) throws -> RewardInputs {
        var lines: [Int64: [String]] = [:], tags: [Int64: [String]] = [:]
        for record in try TenantBusinessLineRecord
            .order(TenantBusinessLineRecord.Columns.tenantId, TenantBusinessLineRecord.Columns.line).fetchAll(db) {
            lines[record.tenantId, default: []].append(record.line)
        }
        for record in try TenantTagRecord.order(TenantTagRecord.Columns.tenantId, TenantTagRecord.Columns.tag).fetchAll(db) {
            tags[record.tenantId, default: []].append(record.tag)
        }
        var changes: [Int64: [StatusFact]] = [:]
        for record in try TenantStatusChangeRecord
            .order(TenantStatusChangeRecord.Columns.tenantId, TenantStatusChangeRecord.Columns.id).fetchAll(db) {
            changes[record.tenantId, default: []].append(record.fact)
        }
        var units: [Int64: [LeasedUnitFact]] = [:]
        for row in try LeasedUnitRow.fetchAll(
            db, sql: LeasedUnitRow.select + " ORDER BY leaseUnit.leaseId, rentalUnit.building, rentalUnit.number") {
            units[row.leaseId, default: []].append(row.fact)
        }
        var rents: [Int64: [RentFact]] = [:]
        for record in try LeaseRentRecord
            .order(LeaseRentRecord.Columns.leaseId, LeaseRentRecord.Columns.effectiveFrom, LeaseRentRecord.Columns.id).fetchAll(db) {
            rents[record.leaseId, default: []].append(record.fact)
        }
        var leases: [Int64: [LeaseFact]] = [:]
        for record in try LeaseRecord.order(LeaseRecord.Columns.tenantId, LeaseRecord.Columns.start, LeaseRecord.Columns.id).fetchAll(db) {
            let id = record.id ?? 0
            leases[record.tenantId, default: []].append(record.fact(units: units[id] ?? [], rents: rents[id] ?? []))
        }
        let reports = try OperatingReportRecord.currentFacts(db, through: "\(year)-12")
        // The events each tenant organised or co-organised, ending by the end of `year`: each
        // occurrence of a series on its own (a job fair held weekly is a fair a week, each with
        // its outcome), called off when the event was cancelled before it ended.
        var events: [Int64: [EventFact]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT e.id AS id, e.organiserId AS organiserId, e.kind AS kind, e.cancelledAt AS cancelledAt, o.endsAt AS endsAt,
                   o.endLocal AS endLocal,
                   (SELECT employers FROM eventOutcome WHERE eventId = e.id AND occurrence = o.day AND isCurrent) AS employers
            FROM parkEvent AS e JOIN eventOccurrence AS o ON o.eventId = e.id
            WHERE e.organiserId IS NOT NULL AND substr(o.endLocal, 1, 10) <= ? ORDER BY e.organiserId, e.id, o.day
            """, arguments: ["\(year)-12-31"]) {
            events[row["organiserId"], default: []].append(EventFact(
                id: row["id"], kind: row["kind"], ends: String((row["endLocal"] as String).prefix(10)),
                cancelled: ParkEvent.isCalledOff(cancelledAt: row["cancelledAt"], lastEndsAt: row["endsAt"]), employers: row["employers"]))
        }
        return RewardInputs(tenants: try TenantRecord.fetchAll(db, sql: """
            SELECT * FROM tenant WHERE id IN (SELECT tenantId FROM tenantStatusChange WHERE toStatus = 'active') ORDER BY id
            """).map { record in
            let id = record.id ?? 0
            return record.facts(
                businessLines: lines[id] ?? [], tags: tags[id] ?? [], statusChanges: changes[id] ?? [], leases: leases[id] ?? [],
                reports: reports[id] ?? [], events: events[id])
        })
    }

    /// Stores a run as a draft, decided against the approved runs of its period: a rule that
    /// an approved run covered gets only the differences from everything approved for each
    /// tenant (an adjustment), whatever rules either run was limited to. Earlier drafts of the
    /// period that share a rule with it are superseded: of two runs computing one amount, only
    /// one could ever be approved (approving either makes the other a run computed before it),
    /// and the newer holds what the data gives now.
    public func createRewardRun(_ run: NewRewardRun, context: ChangeContext) async throws -> StoredRewardRun {
        try await write(context, recording: { $0.recorded.outcome }) { db in
            let approved = try ParkDatabase.approvedRuns(db, period: run.period, rules: run.rules)
            let decision = try RewardRunDecision.decide(period: run.period, rules: run.rules, computed: run.lines, approved: approved)
            var record = RewardRunRecord(run, decision, createdAt: context.at, createdBy: context.recordedBy)
            let drafts = try RewardRunRecord
                .filter(RewardRunRecord.Columns.period == record.period && RewardRunRecord.Columns.status == StoredRewardRun.Status.draft.rawValue)
                .fetchAll(db)
            let overlapping = drafts.filter { !Set($0.rules.split(separator: ",").map(String.init)).isDisjoint(with: run.rules) }.compactMap(\.id)
            try RewardRunRecord.filter(keys: overlapping)
                .updateAll(db, RewardRunRecord.Columns.status.set(to: StoredRewardRun.Status.superseded.rawValue))
            try record.insert(db)
            let id = record.id!
            for decided in decision.lines { try RewardLineRecord(decided, runId: id).insert(db) }
            return RunChange(try ParkDatabase.loadRuns(db, RewardRunRecord.filter(key: id))[0], lines: decision.lines.map(\.line))
        }.run
    }

    /// A change to a run, recorded in the audit trail with what the run holds (`RecordedRun`).
    private struct RunChange: Sendable {
        var run: StoredRewardRun
        var recorded: RecordedRun

        init(_ run: StoredRewardRun, lines: [RewardLine]) {
            self.run = run
            recorded = run.recorded(lines: lines)
        }
    }

    /// What the audit trail's latest call on the run recorded of it; nil when no call did (a
    /// run made by a parkd from before runs were recorded).
    public func recordedRun(_ id: Int64) async throws -> RecordedRun? {
        try await readInBackground { db in try ParkDatabase.latestRecordedRun(db, id) }
    }

    static func latestRecordedRun(_ db: Database, _ id: Int64) throws -> RecordedRun? {
        try AuditEntryRecord
            .filter(AuditEntryRecord.Columns.outcome.like("ok: run \(id) %"))
            .order(AuditEntryRecord.Columns.id.desc)
            .fetchAll(db)
            .lazy.compactMap { RecordedRun(outcome: $0.outcome) }.first { $0.run == id }
    }

    /// The approved runs of a period that cover any of `rules`, with their lines of those rules
    /// that still stand: a line withdrawn after an upheld objection was never to be paid, so a
    /// new run gives the whole amount the data now gives for it, not a difference from it.
    static func approvedRuns(_ db: Database, period: String, rules: [String]) throws -> [ApprovedRewardRun] {
        try loadRuns(db, RewardRunRecord.filter(
            RewardRunRecord.Columns.period == period && RewardRunRecord.Columns.status == StoredRewardRun.Status.approved.rawValue))
            .filter { run in run.rules.contains { rules.contains($0) } }
            .map { run in
                ApprovedRewardRun(
                    id: run.id, rules: run.rules,
                    lines: try standingLines(db, run: run.id).filter { rules.contains($0.rule) })
            }
    }

    /// A run's lines less those withdrawn after an upheld objection (one line per tenant, rule
    /// and period in a run); with `asOf` (an instant as the store writes them), less only those
    /// withdrawn by then.
    static func standingLines(_ db: Database, run: Int64, asOf: String? = nil) throws -> [RewardLine] {
        let withdrawn = Set(try Row.fetchAll(db, sql: """
            SELECT rewardLine.tenantId, rewardLine.rule, rewardLine.period FROM rewardLine
            JOIN noticeObjection ON noticeObjection.rewardLineId = rewardLine.id AND noticeObjection.resolution = 'upheld'
            WHERE rewardLine.rewardRunId = ?1 AND (?2 IS NULL OR noticeObjection.resolvedAt <= ?2)
            """, arguments: [run, asOf]).map { "\($0["tenantId"] as Int64) \($0["rule"] as String) \($0["period"] as String)" })
        return try loadLines(db, runs: [run], tenant: nil, explanations: false)
            .filter { !withdrawn.contains("\($0.tenantID) \($0.rule) \($0.period)") }
    }

    /// A run's lines that stood at `asOf` (now when nil): those not withdrawn by then after an
    /// upheld objection.
    public func standingRewardLines(run: Int64, asOf: String? = nil) async throws -> [RewardLine] {
        try await readInBackground { db in try ParkDatabase.standingLines(db, run: run, asOf: asOf) }
    }

    public func rewardRuns(period: String?) async throws -> [StoredRewardRun] {
        try await read { db in
            try ParkDatabase.loadRuns(db, period.map { RewardRunRecord.filter(RewardRunRecord.Columns.period == $0) } ?? RewardRunRecord.all())
        }
    }

    public func rewardRun(_ id: Int64) async throws -> StoredRewardRun {
        try await read { db in
            guard let run = try ParkDatabase.loadRuns(db, RewardRunRecord.filter(key: id)).first else { throw StoreError.noSuchRun(id) }
            return run
        }
    }

    /// A run's lines, by tenant then rule; explanations only when asked for.
    public func rewardLines(run: Int64, tenant: Int64? = nil, explanations: Bool) async throws -> [RewardLine] {
        try await readInBackground { db in
            try ParkDatabase.loadLines(db, runs: [run], tenant: tenant, explanations: explanations)
        }
    }

    /// A page of a run's lines: at most `limit`, after the first `skipping` (a run's lines never
    /// change once computed, so a count is a stable cursor), and whether more follow.
    public func rewardLines(
        run: Int64, tenant: Int64?, explanations: Bool, limit: Int, skipping: Int
    ) async throws -> (lines: [RewardLine], more: Bool) {
        try await readInBackground { db in
            let lines = try ParkDatabase.loadLines(
                db, runs: [run], tenant: tenant, explanations: explanations, limit: limit + 1, offset: skipping)
            return (Array(lines.prefix(limit)), lines.count > limit)
        }
    }

    /// The canonical JSON of a run's inputs.
    public func rewardRunInputs(_ id: Int64) async throws -> [UInt8] {
        try await readInBackground { db in
            guard let data = try Data.fetchOne(db, RewardRunRecord.filter(key: id).select(RewardRunRecord.Columns.inputs)) else {
                throw StoreError.noSuchRun(id)
            }
            return Array(data)
        }
    }

    /// Approves a draft that is still computed against every approved run of its period and
    /// rules; it can never change again. The database itself refuses a second approved first
    /// amount for a tenant, rule and period (trigger `rewardRun_firstAmountOnce`).
    ///
    /// `computing` gives the amounts the policies in force compute for the draft's period and
    /// rules from the inputs it is handed: those of the data as it is in the transaction that
    /// approves, so that no change committed before the approval slips past it. A draft that no
    /// longer holds what they give (decided over the same approved runs) is refused, naming each
    /// amount that changed. The computation holds the writer (a run's time without its
    /// explanations): approvals are rare, and what they publish and pay must be what the data gives.
    public func approveRewardRun(
        _ id: Int64, computing: @escaping @Sendable (RewardPeriod, _ rules: [String], RewardInputs) throws -> [RewardLine],
        context: ChangeContext
    ) async throws -> StoredRewardRun {
        try await write(context, recording: { $0.recorded.outcome }) { db in
            guard let run = try ParkDatabase.loadRuns(db, RewardRunRecord.filter(key: id)).first else { throw StoreError.noSuchRun(id) }
            guard run.status == .draft else { throw StoreError.runNotDraft(id, status: run.status.rawValue) }
            let approvedNow = try ParkDatabase.approvedRuns(db, period: run.period, rules: run.rules)
            try RewardRunDecision.checkApprovable(run: id, period: run.period, rules: run.rules, adjusts: run.adjusts, approvedNow: approvedNow)
            let period = try RewardPeriod.parse(run.period)
            let computedNow = try computing(period, run.rules, try ParkDatabase.rewardInputs(db, throughYear: period.year))
            let now: [RewardLine]
            do {
                now = try RewardRunDecision.decide(period: run.period, rules: run.rules, computed: computedNow, approved: approvedNow).lines.map(\.line)
            } catch RewardRunRefused.noDifferences {
                now = []
            }
            let draft = try ParkDatabase.loadLines(db, runs: [id], tenant: nil, explanations: false)
            // What its computation recorded: a draft changed in the file since is not approved as it stands.
            if let recorded = try ParkDatabase.latestRecordedRun(db, id), let difference = run.recorded(lines: draft).difference(from: recorded) {
                throw RewardRunRefused.notAsRecorded(run: id, difference: difference)
            }
            try RewardRunDecision.checkUnchanged(run: id, period: run.period, draft: draft, now: now)
            try RewardRunRecord.filter(key: id).updateAll(
                db, RewardRunRecord.Columns.status.set(to: StoredRewardRun.Status.approved.rawValue),
                RewardRunRecord.Columns.approvedAt.set(to: context.at), RewardRunRecord.Columns.approvedBy.set(to: context.recordedBy))
            return RunChange(try ParkDatabase.loadRuns(db, RewardRunRecord.filter(key: id))[0], lines: draft)
        }.run
    }

    static func loadRuns(_ db: Database, _ request: QueryInterfaceRequest<RewardRunRecord>) throws -> [StoredRewardRun] {
        try request.order(RewardRunRecord.Columns.id).fetchAll(db).map { try $0.run }
    }

    static func loadLines(
        _ db: Database, runs: [Int64], tenant: Int64?, explanations: Bool, limit: Int? = nil, offset: Int = 0
    ) throws -> [RewardLine] {
        guard !runs.isEmpty else { return [] }
        var request = RewardLineRecord.filter(runs.contains(RewardLineRecord.Columns.rewardRunId))
        if !explanations { request = request.select(.allColumns(excluding: Set(RewardLineRecord.explanationColumns))) }
        if let tenant { request = request.filter(RewardLineRecord.Columns.tenantId == tenant) }
        request = request.order(RewardLineRecord.Columns.tenantId, RewardLineRecord.Columns.id)
        if let limit { request = request.limit(limit, offset: offset) }
        return try request.fetchAll(db).map { try $0.line }
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
                SELECT rewardLine.tenantId, rewardLine.rule, rewardLine.period, GROUP_CONCAT(rewardLine.rewardRunId, ', ') AS runs
                FROM rewardLine JOIN rewardRun ON rewardRun.id = rewardLine.rewardRunId AND rewardRun.status = 'approved'
                WHERE rewardLine.kind = 'regular'
                GROUP BY rewardLine.tenantId, rewardLine.rule, rewardLine.period HAVING COUNT(*) > 1
                ORDER BY rewardLine.period, rewardLine.tenantId, rewardLine.rule
                """).map { row in
                "tenant \(row["tenantId"] as Int64) \(row["rule"] as String) \(row["period"] as String) in runs \(row["runs"] as String)"
            }
        }
    }
}
