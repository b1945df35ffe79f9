import ParkCore
import ParkPolicy
import ParkStore

/// Everything the store reads back about a park, through its public reads: two readings are
/// equal when the store sees the same park.
struct ParkReadings {
    var tenants: [StoredTenant]
    var tenantsOneByOne: [StoredTenant]
    var tenantCounts: [TenantStatus: Int]
    var units: [StoredUnit]
    var leases: [StoredLease]
    var projects: [StoredProject]
    var occupancy: IncubatorOccupancy
    var reports: [StoredReport]
    var reportHistory: [StoredReport]
    var statistics: ParkStatistics
    var rewardInputs: RewardInputs
    /// Every field of every run (`StoredRewardRun`'s `==` compares only a few).
    var runs: [String]
    var runLines: [[RewardLine]]
    var runInputs: [[UInt8]]
    var policiesInForce: [StoredPolicyVersion]
    var applications: [StoredApplication]
    var blocklist: [StoredBlocklistEntry]
    var sessions: [StoredReviewSession]
    var conflicts: [ReviewerConflicts]
    var results: SessionResults
    var verification: ReviewVerification
    var audit: [AuditEntry]
    /// Every field of bank accounts, notices, their lines and objections, batches, their items, the ledger's lines.
    var payments: [String]
    var auditVerification: AuditVerification
    var timerRuns: [StoredTimerRun]
    var timerLastTriggers: [String: Int64]
    var timerStamps: [String: Int64]

    /// Reads `database`; `corrected` is a tenant and month whose report has several versions.
    init(_ database: ParkDatabase, corrected: (tenant: Int64, month: Month)) async throws {
        tenants = try await database.tenants(TenantQuery(limit: 1_000)).tenants
        var oneByOne: [StoredTenant] = []
        for tenant in tenants {
            oneByOne.append(try await database.tenant(.id(tenant.id)))
            oneByOne.append(try await database.tenant(.creditCode(tenant.tenant.creditCode.value)))
        }
        tenantsOneByOne = oneByOne
        tenantCounts = try await database.tenantCounts()
        applications = try await database.applications(status: nil)
        blocklist = try await database.blocklist(includeRemoved: true)
        sessions = try await database.reviewSessions()
        conflicts = try await database.conflicts(session: 1)
        results = try await database.reviewResults(session: 1)
        verification = try await database.verifyReviewSession(1)
        units = try await database.units()
        leases = try await database.leases()
        projects = try await database.projects()
        occupancy = try await database.incubatorOccupancy(on: CivilDate(year: 2021, month: 6, day: 30)!)
        reports = try await database.reports()
        reportHistory = try await database.reportHistory(.id(corrected.tenant), month: corrected.month)
        statistics = try await database.parkFigures(
            from: CivilDate(year: 2021, month: 1, day: 1)!, to: CivilDate(year: 2021, month: 12, day: 31)!, sinceOpening: false,
            monthly: true, today: CivilDate(year: 2021, month: 12, day: 31)!, now: 0).statistics
        rewardInputs = try await database.rewardInputs(throughYear: 2021)
        let storedRuns = try await database.rewardRuns(period: nil)
        runs = storedRuns.map { String(describing: $0) }
        var lines: [[RewardLine]] = [], inputs: [[UInt8]] = []
        for run in storedRuns {
            lines.append(try await database.rewardLines(run: run.id, explanations: true))
            inputs.append(try await database.rewardRunInputs(run.id))
        }
        runLines = lines
        runInputs = inputs
        policiesInForce = try await database.policiesLastInForce()
        var payments = try await database.bankAccounts(tenant: nil).map { String(describing: $0) }
        for notice in try await database.notices() {
            let (stored, noticeLines, total, objections) = try await database.notice(run: notice.run)
            payments += [String(describing: stored)] + noticeLines.map { String(describing: $0) } + [String(describing: total)]
                + objections.map { String(describing: $0) }
        }
        for batch in try await database.paymentBatches() {
            payments += [String(describing: batch)] + (try await database.paymentBatch(batch.id).items).map { String(describing: $0) }
        }
        payments += try await database.paymentLedger(tenant: nil, year: nil).lines.map { String(describing: $0) }
        self.payments = payments
        audit = try await database.auditEntries(AuditQuery(limit: 100_000))
        auditVerification = try await database.verifyAudit()
        timerRuns = try await database.timerRuns(timer: nil, limit: 1_000)
        timerLastTriggers = try await database.timerLastTriggers()
        // Both timers are stamped already: the stamps are read back, not moved.
        timerStamps = try await database.stampPersistentTimers(["nightly-backup", "close-notices"], at: 0, instant: "1970-01-01T00:00:00.000Z")
    }
}
