import Foundation
import ParkCore
import ParkPolicy
import ParkStore
import Testing

@Suite("Reads by column name")
struct ColumnOrderTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let today = CivilDate(year: 2026, month: 11, day: 29)!
    /// The report `park` corrects after a run of its month was approved.
    static let corrected = (tenant: Int64(1), month: Month(year: 2021, month: 6))

    func file(_ path: String) throws -> String {
        try String(contentsOf: Self.repository.appendingPathComponent(path), encoding: .utf8)
    }

    /// The demo park with the shipped policies, and something in every table: tenants with
    /// lines, tags and history, leases amended and ended early, a graduated project, reports
    /// with corrections, an approved reward run and its adjustment.
    func park(_ database: ParkDatabase) async throws {
        let demo = try DemoPark.parse(
            units: file("Config/demo/units.csv"), tenants: file("Config/demo/tenants.csv"), leases: file("Config/demo/leases.csv"),
            incubator: file("Config/demo/incubator.csv"), today: Self.today)
        let reports = try ReportImport.parse(file("Config/demo/reports.csv"))
        _ = try await database.loadDemo(demo, reports: reports.rows, reportProblems: reports.problems,
            reportsFile: ImportedFile(sha256: "", bytes: 0), today: Self.today, context: context())
        let policies = try ["P2019", "P2021"].map { id in
            try PolicyLoader.load(file("Config/policies/\(id).yaml"), fileName: "\(id).yaml")
        }
        try await database.recordPolicyLoad(policies, context: context("io.parkd.Policy.Reload"))
        var edit = TenantEdit()
        edit.addTags = ["hr-top-100", "brand-a"]
        _ = try await database.updateTenant(.id(2), edit: edit, context: context("io.parkd.Tenant.Update"))
        _ = try await database.amendLease(1, rent: Money(fen: 4_200), from: CivilDate(year: 2021, month: 10, day: 1)!, context: context())
        _ = try await database.terminateLease(2, on: CivilDate(year: 2021, month: 12, day: 10)!, reason: "搬迁", context: context())
        _ = try await database.graduateProject(1, on: CivilDate(year: 2021, month: 9, day: 1)!, today: Self.today, context: context())

        let book = try PolicyBook(policies)
        let period = try RewardPeriod.parse("2021-06")
        func run() async throws -> StoredRewardRun {
            let inputs = try await database.rewardInputs(throughYear: 2021)
            let calculation = try book.calculate(period, inputs: inputs, explain: true)
            let canonical = inputs.canonical()
            return try await database.createRewardRun(NewRewardRun(
                period: period.description, rules: calculation.rules, lines: calculation.lines,
                policyVersions: book.policies.map { ($0.id, $0.hash) }, inputs: canonical.json, inputsHash: canonical.hash),
                context: context("io.parkd.Reward.Run"))
        }
        let draft = try await run()
        _ = try await database.approveRewardRun(draft.id, computing: { period, rules, inputs in
            Array(try book.calculate(period, inputs: inputs, rules: rules, explain: false).lines)
        }, context: context("io.parkd.Reward.Approve"))
        try await pay(database)
        _ = try await database.submitReport(
            .id(Self.corrected.tenant), month: Self.corrected.month,
            figures: SubmittedFigures(revenue: nil, tax: nil, counts: ["placements": 29]), reason: "three placements were reported late",
            today: Self.today, context: context("io.parkd.Report.Add"))
        let adjustment = try await run()
        #expect(adjustment.kind == .adjustment)
        // A scheduled job that ran and one that was skipped.
        let started = try await database.startTimerRun(NewTimerRun(
            timer: "nightly-backup", action: "backup", arguments: "keep_daily=7 keep_monthly=12", trigger: "elapse",
            elapse: "2025-12-01T01:30:00.000Z", movedFrom: nil, startedAt: "2025-12-01T01:30:00.000Z", startedAtMicros: 1_764_552_600_000_000),
            context: context())
        _ = try await database.finishTimerRun(
            started.id, endedAt: "2025-12-01T01:30:02.000Z", outcome: .succeeded, result: "copied", details: ["backups/a.sqlite", "removed b"])
        _ = try await database.startTimerRun(NewTimerRun(
            timer: "nightly-backup", action: "backup", arguments: "", trigger: "run-now", elapse: nil, movedFrom: "2025-11-30",
            startedAt: "2025-12-01T01:30:01.000Z", startedAtMicros: 1_764_552_601_000_000, skipped: true, skipReason: "still going"),
            context: context())
        try await database.stampPersistentTimers(["nightly-backup", "close-notices"], at: 1_764_000_000_000_000, instant: "2025-11-24T16:00:00.000Z")
        let listed = try BlocklistEntry(
            creditCode: "91370200MA3D0002BA", name: "青岛速聘劳务有限公司", reason: "失信被执行人", listedOn: Self.today, today: Self.today)
        _ = try await database.addToBlocklist(listed, context: context("io.parkd.Blocklist.Create"))
        for code in ["91370200MA3D0002BA", "91370200MA3C1234XQ"] {
            let form = try ApplicationForm(
                name: "青岛英才人力资源有限公司", creditCode: code, businessLines: ["recruitment"], hrServiceLicence: "HR-1",
                registeredCapital: Money(fen: 500_000_000), headcount: 12, plannedOfficeArea: Area(centiSquareMetres: 12_000),
                expectedAnnualRevenue: Money(fen: 1_000_000), expectedAnnualTax: Money(fen: 10_000), legalRepresentative: "张伟",
                shareholders: [Shareholder(name: "李明", shareBasisPoints: 1250)], statements: ["无失信记录"], appliedOn: Self.today,
                today: Self.today)
            _ = try await database.receiveApplication(form, rules: .park, today: Self.today, context: context("io.parkd.Application.Create"))
        }
        let panel = try ReviewPanel((1...5).map { Reviewer(uid: Int64(2000 + $0), name: "reviewer\($0)") })
        _ = try await database.createReviewSession(
            heldOn: Self.today, venue: "301", chair: "刘主任", agenda: [2], panel: panel, today: CivilDate(year: 2030, month: 1, day: 1)!, context: context("io.parkd.Review.CreateSession"))
        let employed = try Affiliation(kind: .employer, party: "青岛英才人力资源有限公司", until: nil, today: Self.today)
        _ = try await database.declareAffiliation(employed, of: panel.members[0], context: context("io.parkd.Review.DeclareAffiliation"))
        _ = try await database.declareConflict(
            application: 2, reviewer: panel.members[1], ReviewerConflicts.Declared(type: .kinship, note: "表亲"),
            context: context("io.parkd.Review.DeclareConflict"))
        _ = try await database.dismissConflicts(
            application: 2, reviewer: panel.members[0], reason: "同名不同企业", context: context("io.parkd.Review.DismissConflict"))
        // Sheets (one amended), a dissent and the close: members 0, 2 and 3 of the 4 not conflicted.
        for (member, scores) in [(0, ["15", "15", "15", "20", "10"]), (0, ["16", "15", "15", "20", "10"]), (2, ["18.5", "17", "16", "21", "12"]),
                                 (3, ["12", "10", "11", "15", "8"])] {
            let sheet = try ScoreSheet(
                application: 2, reviewer: panel.members[member], scores: Array(zip(ScoringRules.park.criteria.map(\.name), scores)),
                veto: nil, reason: nil, rules: .park)
            let commitment = sheet.commitment(salt: "salt\(member)")
            var call = context("io.parkd.Review.Score")
            call.call?.parameters = "{\"application\":2,\"sealed\":\"\(commitment)\"}"
            call.call?.uid = panel.members[member].uid
            _ = try await database.submitSheet(sheet, rules: .park, salt: "salt\(member)", commitment: commitment, context: call)
        }
        let dissent = try Dissent(application: 2, reviewer: panel.members[3], text: "服务能力不足")
        var call = context("io.parkd.Review.Dissent")
        call.call?.parameters = "{\"application\":2,\"sealed\":\"\(dissent.commitment(salt: "s"))\"}"
        call.call?.uid = panel.members[3].uid
        _ = try await database.submitDissent(dissent, salt: "s", commitment: dissent.commitment(salt: "s"), context: call)
        _ = try await database.closeReviewSession(1, rules: .park, today: Self.today, context: context("io.parkd.Review.CloseSession"))
    }

    /// Run 1 noticed (an objection dismissed), closed, confirmed for tenant 1, paid by a batch a
    /// second uid approved, one line failed at the bank: a row in every payment table but offsets.
    func pay(_ database: ParkDatabase) async throws {
        func day(_ text: String) throws -> CivilDate { try CivilDate.parse(text, field: "day") }
        let calendar = try WorkingDayCalendar([try HolidaySchedule(year: 2026, holidays: [], swappedWorkingDays: [])])
        _ = try await database.createBankAccount(
            tenant: .id(1), accountName: "山东人和人力资源服务有限公司", bank: "中国工商银行青岛市南支行", number: "3803 0216 0920 0123 456",
            effectiveFrom: try day("2026-01-01"), today: try day("2026-11-02"), context: context("io.parkd.BankAccount.Create"))
        _ = try await database.publishNotice(run: 1, today: try day("2026-11-02"), workingDays: 5, calendar: calendar, context: context("io.parkd.Notice.Create"))
        let lines = try await database.notice(run: 1).lines.filter { $0.tenant == 1 }
        let objection = try await database.recordObjection(
            line: lines[0].line, objector: "王先生", grounds: "no placements in June", today: try day("2026-11-03"), context: context("io.parkd.Notice.Object"))
        _ = try await database.resolveObjection(objection.id, resolution: .dismissed, reason: "records checked", context: context("io.parkd.Notice.Resolve"))
        _ = try await database.closeNotice(run: 1, today: try day("2026-11-20"), context: context("io.parkd.Notice.Close"))
        _ = try await database.confirmLines(run: 1, tenant: .id(1), confirmedBy: "刘会计", channel: "staff", context: context("io.parkd.Payment.Confirm"))
        let batch = try await database.createPaymentBatch(
            runs: [1], today: try day("2026-11-20"), confirmationRequired: true, context: context("io.parkd.Payment.CreateBatch")).batch
        #expect(batch.items == lines.count && lines.count > 1)
        _ = try await database.approvePaymentBatch(batch.id, uid: 4242, today: try day("2026-11-20"), context: context("io.parkd.Payment.ApproveBatch"))
        let items = try await database.paymentBatch(batch.id).items
        let result = "batch,line,amount,result,reason\n" + items.enumerated().map { index, item in
            "\(batch.id),\(item.line),\(item.amount),\(index == 0 ? "failed,account frozen" : "paid,")"
        }.joined(separator: "\n")
        _ = try await database.importBankResult(try BankResult.parse(result), today: try day("2026-11-23"), context: context("io.parkd.Payment.ImportResult"))
    }

    @Test("statistics count the tenants read as a whole: statuses, lines and newcomers on any day")
    func statisticsReadStandings() async throws {
        // The statistics read of each tenant only the day it applied, its changes and its lines
        // (`TenantStanding`); what they count must be what the tenants as the store reads them give.
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            try await park(database)
            let tenants = try await database.tenants(TenantQuery(limit: 1_000)).tenants.map(\.tenant.standing)
            #expect(tenants.count > 50)
            for (from, to) in [("2019-01-01", "2019-12-31"), ("2021-01-01", "2021-06-30"), ("2020-01-01", "2026-11-29")] {
                let first = try CivilDate.parse(from, field: "from"), last = try CivilDate.parse(to, field: "to")
                let read = try await database.parkFigures(
                    from: first, to: last, sinceOpening: false, monthly: false, today: last, now: 0).statistics
                let expected = ParkStatistics.compute(
                    from: first, to: last, tenants: tenants, leases: [], officeArea: .zero, monthTotals: [], monthly: false)
                #expect(read.tenantsByStatus == expected.tenantsByStatus, "\(to)")
                #expect(read.tenantsByBusinessLine == expected.tenantsByBusinessLine, "\(to)")
                #expect(read.newTenants == expected.newTenants, "\(to)")
                #expect(!read.tenantsByStatus.isEmpty)
            }
        }
    }

    @Test("a run's inputs hold each tenant's current reports up to the year, every figure from its own column")
    func rewardInputsReadReports() async throws {
        // The inputs read only the columns the policies need (`OperatingReportRecord.currentFacts`);
        // they must be the reports as the store reads them whole, corrections included.
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            try await park(database)
            for year in [2020, 2021] {
                let inputs = try await database.rewardInputs(throughYear: year)
                var expected: [Int64: ReportFacts] = [:]
                for report in try await database.reports(to: Month(year: year, month: 12)) {
                    let figures = report.figures
                    let values: [ReportFigure: Int64] = [
                        .revenue: figures.revenue.fen, .tax: figures.tax.fen, .employersServed: Int64(figures.employersServed),
                        .workersDispatched: Int64(figures.workersDispatched), .workersOutsourced: Int64(figures.workersOutsourced),
                        .jobSeekersServed: Int64(figures.jobSeekersServed), .placements: Int64(figures.placements),
                        .trainingSessions: Int64(figures.trainingSessions), .trainingAttendees: Int64(figures.trainingAttendees),
                        .phdHires: Int64(figures.phdHires), .headcount: Int64(figures.headcount),
                    ]
                    expected[report.tenantID, default: []].append(month: report.month.description, version: report.version) { values[$0]! }
                }
                if year == 2021 { #expect(expected.values.contains { $0.versions.contains(2) }, "the park holds a corrected report") }
                #expect(!expected.isEmpty)
                for tenant in inputs.tenants {
                    // By month: the listing is by month then tenant.
                    let reports = expected[tenant.id] ?? []
                    let sorted = reports.indices.sorted { reports.months[$0] < reports.months[$1] }
                    #expect(Array(tenant.reports) == sorted.map { reports[$0] }, "tenant \(tenant.id), through \(year)")
                }
                #expect(Set(inputs.tenants.filter { !$0.reports.isEmpty }.map(\.id)) == Set(expected.keys))
            }
        }
    }

    @Test("the store reads the same park after every table gains a column it does not know", arguments: ColumnAddition.allCases)
    func unknownColumn(_ addition: ColumnAddition) async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/parkd.sqlite"
            let database = try ParkDatabase(path: path)
            try await park(database)
            let before = try await ParkReadings(database, corrected: Self.corrected)
            try database.close()
            let columns = try addition.apply(toDatabaseAt: path)
            #expect(columns.keys.sorted() == [
                "application", "applicationCheck", "applicationShareholder", "applicationStatement", "auditEntry", "bankAccount",
                "blocklistEntry", "cancelledPaymentItem", "eventOccurrence", "eventOutcome", "eventRegistration", "incubatorProject", "incubatorSeat",
                "lease", "leaseEvent", "leaseRent", "leaseUnit", "noticeObjection", "onboardingItem", "operatingReport", "parkEvent",
                "paymentBatch", "paymentItem", "paymentOffset", "policyLoad", "policyVersion", "rentalUnit", "reviewAgendaItem",
                "reviewAppeal", "reviewConflictDeclaration", "reviewConflictDismissal", "reviewDecision", "reviewDissent", "reviewNotice", "reviewObjection",
                "reviewPanelMember", "reviewResult",
                "reviewScoringRules", "reviewSession", "reviewSheet", "reviewerAffiliation", "rewardConfirmation", "rewardLine",
                "rewardNotice", "rewardRun", "submission", "tenant", "tenantBusinessLine", "tenantKey", "tenantStatusChange",
                "tenantTag", "timerRun", "timerStamp",
            ])
            #expect(columns.values.allSatisfy { (addition == .first ? $0.first : $0.last) == "addedLater" })

            let reopened = try ParkDatabase(path: path)
            let after = try await ParkReadings(reopened, corrected: Self.corrected)
            try reopened.close()
            #expect(before.tenants.count == 83 && before.leases.count > 1 && before.reportHistory.count == 2 && before.runs.count == 2)
            #expect(after.tenants == before.tenants)
            #expect(after.payments == before.payments && before.payments.count > 6)
            #expect(after.tenantsOneByOne == before.tenantsOneByOne)
            #expect(after.tenantCounts == before.tenantCounts)
            #expect(after.units == before.units)
            #expect(after.leases == before.leases)
            #expect(after.projects == before.projects)
            #expect(after.occupancy == before.occupancy)
            #expect(after.reports == before.reports)
            #expect(after.reportHistory == before.reportHistory)
            #expect(after.statistics == before.statistics)
            #expect(after.rewardInputs == before.rewardInputs)
            #expect(after.runs == before.runs)
            #expect(after.runLines == before.runLines)
            #expect(after.runInputs == before.runInputs)
            #expect(after.policiesInForce == before.policiesInForce)
            #expect(before.applications.count == 2 && before.blocklist.count == 1)
            #expect(after.applications == before.applications)
            #expect(after.blocklist == before.blocklist)
            #expect(before.sessions.count == 1 && after.sessions == before.sessions)
            #expect(before.conflicts.count == 2 && after.conflicts == before.conflicts)
            #expect(before.results.applicants.first?.scoreHundredths == 7217 && after.results == before.results)
            #expect(before.verification.agrees && before.verification.checkedVersions == 5 && after.verification == before.verification)
            #expect(after.audit == before.audit)
            #expect(after.auditVerification == before.auditVerification)
            #expect(before.timerRuns.count == 2 && before.timerLastTriggers == ["nightly-backup": 1_764_552_600_000_000])
            #expect(after.timerRuns == before.timerRuns)
            #expect(after.timerLastTriggers == before.timerLastTriggers)
            #expect(before.timerStamps == ["nightly-backup": 1_764_000_000_000_000, "close-notices": 1_764_000_000_000_000])
            #expect(after.timerStamps == before.timerStamps)
        }
    }
}
