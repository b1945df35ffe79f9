import GRDB
import ParkCore

/// The public notice of a run as recorded.
public struct StoredNotice: Sendable, Equatable {
    public var run: Int64
    /// The run's period (YYYY-MM or YYYY).
    public var runPeriod: String
    public var period: NoticePeriod
    public var publishedAt: String
    public var publishedBy: String
    public var closedAt: String?
    public var closedBy: String?
}

/// One line as a notice, a batch or the ledger shows it.
public struct CashingLineRow: Sendable, Equatable {
    public var line: Int64
    public var run: Int64
    public var tenant: Int64
    public var tenantName: String
    public var rule: String
    public var ruleTitle: String
    /// The policy that sets the rule.
    public var policy: String
    public var period: String
    public var amount: Money
    public var state: CashingState
    public var confirmed: Bool
    public var inOpenBatch: Bool
}

/// An objection to a line, as recorded.
public struct StoredObjection: Sendable, Equatable {
    public var id: Int64
    public var run: Int64
    public var line: Int64
    public var tenant: Int64
    public var tenantName: String
    public var rule: String
    public var objector: String
    public var grounds: String
    public var recordedAt: String
    public var recordedBy: String
    public var resolution: ObjectionResolution?
    public var reason: String?
    public var resolvedAt: String?
    public var resolvedBy: String?
}

extension ParkDatabase {
    /// Puts an approved run on public notice from `today` for `workingDays` working days
    /// counted with `calendar`.
    public func publishNotice(
        run id: Int64, today: CivilDate, workingDays: Int, calendar: WorkingDayCalendar, context: ChangeContext
    ) async throws -> StoredNotice {
        try await write(context) { db in
            guard let run = try ParkDatabase.loadRuns(db, RewardRunRecord.filter(key: id)).first else { throw StoreError.noSuchRun(id) }
            guard run.status == .approved else { throw CashingRefusal.runNotApproved(run: id, status: run.status.rawValue) }
            if let existing = try ParkDatabase.loadNotice(db, run: id) {
                throw CashingRefusal.noticeExists(run: id, endsOn: existing.period.endsOn)
            }
            let period = try NoticePeriod.starting(on: today, workingDays: workingDays, calendar: calendar)
            var record = RewardNoticeRecord(
                id: nil, rewardRunId: id, startsOn: period.startsOn.description, endsOn: period.endsOn.description,
                workingDays: period.workingDays, publishedAt: context.at, publishedBy: context.recordedBy, closedAt: nil, closedBy: nil)
            try record.insert(db)
            return try ParkDatabase.loadNotice(db, run: id)!
        }
    }

    /// A run's notice, its lines with their total and the objections to them.
    public func notice(run id: Int64) async throws -> (notice: StoredNotice, lines: [CashingLineRow], total: Money, objections: [StoredObjection]) {
        try await readInBackground { db in
            guard let notice = try ParkDatabase.loadNotice(db, run: id) else { throw try ParkDatabase.noNotice(db, run: id) }
            let lines = try ParkDatabase.lineRows(db, runs: [id])
            return (notice, lines, try PostedTotal.of(lines.map(\.amount), "the lines of run \(id)"), try ParkDatabase.objections(db, run: id))
        }
    }

    /// Every notice, oldest first.
    public func notices() async throws -> [StoredNotice] {
        try await read { db in
            try RewardNoticeRecord.order(RewardNoticeRecord.Columns.id).fetchAll(db).map { try ParkDatabase.notice(db, $0) }
        }
    }

    /// Closes a notice after its last day: its lines without an open objection become payable.
    public func closeNotice(run id: Int64, today: CivilDate, context: ChangeContext) async throws -> StoredNotice {
        try await write(context) { db in
            guard let notice = try ParkDatabase.loadNotice(db, run: id) else { throw try ParkDatabase.noNotice(db, run: id) }
            try notice.period.checkClosable(run: id, today: today, closedAt: notice.closedAt)
            try db.execute(
                sql: "UPDATE rewardNotice SET closedAt = ?, closedBy = ? WHERE rewardRunId = ?",
                arguments: [context.at, context.recordedBy, id])
            return try ParkDatabase.loadNotice(db, run: id)!
        }
    }

    /// Records an objection to a line while its run's notice runs; it holds the line.
    public func recordObjection(
        line: Int64, objector: String, grounds: String, today: CivilDate, context: ChangeContext
    ) async throws -> StoredObjection {
        try await write(context) { db in
            guard let run = try Int64.fetchOne(db, sql: "SELECT rewardRunId FROM rewardLine WHERE id = ?", arguments: [line]) else {
                throw CashingRefusal.noSuchLine(line: line)
            }
            guard let notice = try RewardNoticeRecord.filter(RewardNoticeRecord.Columns.rewardRunId == run).fetchOne(db) else {
                throw try ParkDatabase.noNotice(db, run: run)
            }
            let stored = try ParkDatabase.notice(db, notice)
            guard stored.closedAt == nil, stored.period.takesObjections(on: today) else {
                throw CashingRefusal.noticeEnded(run: run, endsOn: stored.period.endsOn)
            }
            try ParkDatabase.lineObjections(db, line: line).checkNewObjection()
            var record = NoticeObjectionRecord(
                id: nil, rewardNoticeId: notice.id!, rewardLineId: line, objector: objector, grounds: grounds, recordedAt: context.at,
                recordedBy: context.recordedBy, resolution: nil, reason: nil, resolvedAt: nil, resolvedBy: nil)
            try record.insert(db)
            return try ParkDatabase.objections(db, id: record.id!)[0]
        }
    }

    /// Resolves an open objection: upheld withdraws the line from payment; dismissed lifts its
    /// hold, which leaves the line held by its other open objections, or withdrawn by one upheld.
    /// Also where the line's objections stand after it.
    public func resolveObjection(
        _ id: Int64, resolution: ObjectionResolution, reason: String, context: ChangeContext
    ) async throws -> (objection: StoredObjection, line: LineObjections, notice: StoredNotice) {
        try await write(context) { db in
            guard let objection = try ParkDatabase.objections(db, id: id).first else { throw CashingRefusal.noSuchObjection(objection: id) }
            if let done = objection.resolution { throw CashingRefusal.objectionResolved(objection: id, resolution: done.rawValue) }
            try db.execute(
                sql: "UPDATE noticeObjection SET resolution = ?, reason = ?, resolvedAt = ?, resolvedBy = ? WHERE id = ?",
                arguments: [resolution.rawValue, reason, context.at, context.recordedBy, id])
            guard let notice = try RewardNoticeRecord.filter(RewardNoticeRecord.Columns.rewardRunId == objection.run).fetchOne(db) else {
                throw try ParkDatabase.noNotice(db, run: objection.run)
            }
            return (try ParkDatabase.objections(db, id: id)[0], try ParkDatabase.lineObjections(db, line: objection.line), try ParkDatabase.notice(db, notice))
        }
    }

    /// The objections to one line, as they stand.
    static func lineObjections(_ db: Database, line: Int64) throws -> LineObjections {
        let objections = try NoticeObjectionRecord.filter(NoticeObjectionRecord.Columns.rewardLineId == line).fetchAll(db).map { record in
            (id: record.id ?? 0, resolution: record.resolution.flatMap(ObjectionResolution.init(rawValue:)))
        }
        return LineObjections(line: line, objections: objections)
    }

    /// Objections, of one run or all, oldest first.
    public func objections(run: Int64?) async throws -> [StoredObjection] {
        try await read { db in
            if let run, try RewardRunRecord.filter(key: run).fetchCount(db) == 0 { throw StoreError.noSuchRun(run) }
            return try ParkDatabase.objections(db, run: run)
        }
    }

    /// Records a tenant's confirmation of its lines of a run (those not withdrawn and not yet
    /// confirmed); the lines confirmed.
    public func confirmLines(
        run: Int64, tenant reference: TenantReference, confirmedBy: String, channel: String, context: ChangeContext
    ) async throws -> [CashingLineRow] {
        try await write(context) { db in
            guard let stored = try ParkDatabase.loadRuns(db, RewardRunRecord.filter(key: run)).first else { throw StoreError.noSuchRun(run) }
            guard stored.status == .approved else { throw CashingRefusal.runNotApproved(run: run, status: stored.status.rawValue) }
            let tenant = try ParkDatabase.loadTenant(db, reference).id
            let lines = try ParkDatabase.lineRows(db, runs: [run]).filter { $0.tenant == tenant && $0.amount.fen > 0 }
            guard !lines.isEmpty else {
                throw DomainError.invalid("tenant", "tenant \(tenant) has no amount to be paid in run \(run): nothing of its to confirm")
            }
            var confirmed: [CashingLineRow] = []
            for line in lines where !line.confirmed && line.state != .withdrawn && line.state != .paid {
                var record = RewardConfirmationRecord(
                    id: nil, rewardLineId: line.line, confirmedBy: confirmedBy, channel: channel, recordedAt: context.at,
                    recordedBy: context.recordedBy)
                try record.insert(db)
                var now = line
                now.confirmed = true
                confirmed.append(now)
            }
            return confirmed
        }
    }

    /// Why a run has no notice: there is no such run, it is not approved (so it cannot have
    /// one), or it has not been published.
    static func noNotice(_ db: Database, run: Int64) throws -> any Error {
        guard let stored = try ParkDatabase.loadRuns(db, RewardRunRecord.filter(key: run)).first else { return StoreError.noSuchRun(run) }
        guard stored.status == .approved else { return CashingRefusal.runNotApproved(run: run, status: stored.status.rawValue) }
        return CashingRefusal.noSuchNotice(run: run)
    }

    static func loadNotice(_ db: Database, run: Int64) throws -> StoredNotice? {
        try RewardNoticeRecord.filter(RewardNoticeRecord.Columns.rewardRunId == run).fetchOne(db).map { try notice(db, $0) }
    }

    static func notice(_ db: Database, _ record: RewardNoticeRecord) throws -> StoredNotice {
        guard let starts = try? CivilDate.parse(record.startsOn, field: "startsOn"), let ends = try? CivilDate.parse(record.endsOn, field: "endsOn") else {
            throw StoreError.unreadable("rewardNotice \(record.id ?? 0)", "a day")
        }
        let period = try String.fetchOne(db, sql: "SELECT period FROM rewardRun WHERE id = ?", arguments: [record.rewardRunId]) ?? ""
        return StoredNotice(
            run: record.rewardRunId, runPeriod: period, period: NoticePeriod(startsOn: starts, endsOn: ends, workingDays: record.workingDays),
            publishedAt: record.publishedAt, publishedBy: record.publishedBy, closedAt: record.closedAt, closedBy: record.closedBy)
    }

    static func objections(_ db: Database, run: Int64? = nil, id: Int64? = nil) throws -> [StoredObjection] {
        let request: SQLRequest<Row> = """
            SELECT noticeObjection.*, rewardLine.rewardRunId AS run, rewardLine.tenantId AS tenant, rewardLine.tenantName AS tenantName,
              rewardLine.rule AS rule
            FROM noticeObjection JOIN rewardLine ON rewardLine.id = noticeObjection.rewardLineId
            \(SQL.whereClause([run.map { "rewardLine.rewardRunId = \($0)" }, id.map { "noticeObjection.id = \($0)" }]))
            ORDER BY noticeObjection.id
            """
        return try request.fetchAll(db).map { row in
            let record = try NoticeObjectionRecord(row: row)
            return StoredObjection(
                id: record.id ?? 0, run: row["run"], line: record.rewardLineId, tenant: row["tenant"], tenantName: row["tenantName"],
                rule: row["rule"], objector: record.objector, grounds: record.grounds, recordedAt: record.recordedAt,
                recordedBy: record.recordedBy, resolution: record.resolution.flatMap(ObjectionResolution.init(rawValue:)),
                reason: record.reason, resolvedAt: record.resolvedAt, resolvedBy: record.resolvedBy)
        }
    }
}
