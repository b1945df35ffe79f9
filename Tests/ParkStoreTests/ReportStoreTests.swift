import GRDB
import ParkCore
import ParkStore
import Testing

@Suite("Operating reports in the store")
struct ReportStoreTests {
    static let today = CivilDate(year: 2026, month: 11, day: 29)!

    func figures(_ revenue: Int64) -> SubmittedFigures {
        SubmittedFigures(revenue: Money(fen: revenue), tax: Money(fen: revenue / 20), counts: [
            "employersServed": 3, "workersDispatched": 40, "workersOutsourced": 10, "jobSeekersServed": 100, "placements": 7,
            "trainingSessions": 1, "trainingAttendees": 20, "phdHires": 0, "headcount": 30,
        ])
    }

    /// A tenant active from 2021-03-15.
    func park(_ directory: String) async throws -> ParkDatabase {
        let database = try ParkDatabase(path: directory + "/parkd.sqlite")
        _ = try await database.createTenant(try applicant(1), context: context())
        for (status, day) in [(TenantStatus.reviewing, 10), (.approved, 20)] {
            _ = try await database.transitionTenant(.id(1), to: status, on: CivilDate(year: 2021, month: 1, day: day)!, reason: "step", today: Self.today, context: context())
        }
        _ = try await database.transitionTenant(.id(1), to: .active, on: CivilDate(year: 2021, month: 3, day: 15)!, reason: "moved in", today: Self.today, context: context())
        return database
    }

    @Test("a correction replaces the report and keeps the earlier version")
    func corrections() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await park(directory)
            let march = Month(year: 2021, month: 3)
            _ = try await database.submitReport(.id(1), month: march, figures: figures(100_000_00), reason: nil, today: Self.today, context: context())
            await #expect(throws: DomainError.invalid("reason", "the report for 2021-03 exists; a correction needs a reason")) {
                try await database.submitReport(.id(1), month: march, figures: self.figures(1), reason: nil, today: Self.today, context: context())
            }
            let corrected = try await database.submitReport(.id(1), month: march, figures: figures(120_000_00), reason: "typo", today: Self.today, context: context())
            #expect(corrected.report.version == 2)
            #expect(corrected.changes == ["revenue 100000.00 → 120000.00", "tax 5000.00 → 6000.00"])
            #expect(try await database.reports().map(\.figures.revenue.fen) == [120_000_00])
            // Only the figures given change; the others keep the version in force.
            let placements = try await database.submitReport(
                .id(1), month: march, figures: SubmittedFigures(revenue: nil, tax: nil, counts: ["placements": 9]), reason: "late",
                today: Self.today, context: context())
            #expect(placements.changes == ["placements 7 → 9"])
            #expect(placements.report.figures.revenue.fen == 120_000_00 && placements.report.figures.headcount == 30)
            await #expect(throws: DomainError.invalid("figures", "the correction changes nothing: every figure given is already in force")) {
                try await database.submitReport(
                    .id(1), month: march, figures: SubmittedFigures(revenue: nil, tax: nil, counts: ["placements": 9]), reason: "again",
                    today: Self.today, context: context())
            }
            let history = try await database.reportHistory(.id(1), month: march)
            #expect(history.map(\.version) == [1, 2, 3])
            #expect(history.map(\.isCurrent) == [false, false, true])
            #expect(history.last?.reason == "late")
            // Paged, as a tenant may send corrections without end: two, then the rest.
            let first = try await database.reportHistory(.id(1), month: march, after: nil, limit: 2)
            #expect(first.versions.map(\.version) == [1, 2] && first.next == 2)
            let rest = try await database.reportHistory(.id(1), month: march, after: first.next, limit: 2)
            #expect(rest.versions.map(\.version) == [3] && rest.next == nil)
        }
    }

    @Test("months outside the tenant's stay and months to come are refused")
    func refusedMonths() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await park(directory)
            await #expect(throws: DomainError.self) {
                try await database.submitReport(.id(1), month: Month(year: 2021, month: 2), figures: self.figures(1), reason: nil, today: Self.today, context: context())
            }
            await #expect(throws: DomainError.invalid("month", "2026-11 has not ended (today is 2026-11-29); a month is reported once it is over")) {
                try await database.submitReport(.id(1), month: Month(year: 2026, month: 11), figures: self.figures(1), reason: nil, today: Self.today, context: context())
            }
            #expect(try await database.reports().isEmpty)
        }
    }

    @Test("a withdrawn report leaves its month unreported everywhere, keeps every version, and the month is reported again as a first report")
    func withdrawal() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await park(directory)
            let april = Month(year: 2021, month: 4), may = Month(year: 2021, month: 5)
            for month in [april, may] {
                _ = try await database.submitReport(.id(1), month: month, figures: figures(100_000_00), reason: nil, today: Self.today, context: context())
            }
            _ = try await database.submitReport(.id(1), month: may, figures: figures(90_000_00), reason: "typo", today: Self.today, context: context())
            let withdrawn = try await database.withdrawReport(.id(1), month: may, reason: "filed under the wrong month", context: context())
            #expect(withdrawn.version == 3 && withdrawn.withdrawn && !withdrawn.isCurrent && withdrawn.figures.revenue.fen == 90_000_00)
            #expect(try await database.reports().map(\.month) == [april])
            #expect(try await database.reportHistory(.id(1), month: may).map(\.isCurrent) == [false, false, false])
            await #expect(throws: DomainError.invalid("month", "the report of tenant 1 for 2021-05 is already withdrawn (version 3)")) {
                try await database.withdrawReport(.id(1), month: may, reason: "again", context: context())
            }
            await #expect(throws: DomainError.invalid("reason", "must not be empty")) {
                try await database.withdrawReport(.id(1), month: april, reason: "  ", context: context())
            }
            #expect(try await database.reports().map(\.month) == [april], "a refused withdrawal changes nothing")

            // Reported again by file: a first report (revenue and tax needed), the next version, no correction.
            let partial = try ReportImport.parse("tenant,month,placements\n1,2021-05,3\n")
            await #expect(throws: ImportRefused.self) {
                try await database.importReports(partial.rows, reason: "x", today: Self.today, context: context())
            }
            let full = try ReportImport.parse("tenant,month,revenue,tax\n1,2021-05,1000,0\n")
            #expect(try await database.importReports(full.rows, reason: "x", today: Self.today, context: context()) == ImportSummary(imported: 1, corrections: []))
            let history = try await database.reportHistory(.id(1), month: may)
            #expect(history.map(\.version) == [1, 2, 3, 4] && history.map(\.isCurrent) == [false, false, false, true])
            #expect(history.last?.reason == nil && history.last?.withdrawn == false)

            // The database itself keeps a withdrawal out of force.
            let queue = try DatabaseQueue(path: directory + "/parkd.sqlite")
            #expect(throws: DatabaseError.self) {
                try queue.write { db in
                    try db.execute(sql: "UPDATE operatingReport SET isCurrent = 0 WHERE month = '2021-05'")
                    try db.execute(sql: "UPDATE operatingReport SET isCurrent = 1 WHERE month = '2021-05' AND withdrawn")
                }
            }
            // Nor is a version's figures edited, a version deleted or replaced: runs read them as reported.
            for (statement, reason) in [
                ("UPDATE operatingReport SET placements = placements + 50 WHERE month = '2021-05'", "a report version is never changed: a correction is a new version"),
                ("UPDATE operatingReport SET isCurrent = 1 WHERE month = '2021-05' AND version = 1", "a report version replaced by a later one stays replaced"),
                ("DELETE FROM operatingReport WHERE month = '2021-05' AND version = 1", "a report version is never deleted"),
                ("INSERT OR REPLACE INTO operatingReport SELECT * FROM operatingReport WHERE month = '2021-05' AND version = 1", "a report version is never replaced"),
            ] {
                let refused = #expect(throws: DatabaseError.self) { try queue.write { db in try db.execute(sql: statement) } }
                #expect(refused?.message?.hasPrefix(reason) == true, "\(statement): \(String(describing: refused))")
            }
        }
    }

    @Test("lists filter by tenant and month range")
    func listing() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await park(directory)
            for month in 3...8 {
                _ = try await database.submitReport(.id(1), month: Month(year: 2021, month: month), figures: figures(Int64(month) * 100), reason: nil, today: Self.today, context: context())
            }
            let summer = try await database.reports(tenant: .id(1), from: Month(year: 2021, month: 6), to: Month(year: 2021, month: 7))
            #expect(summer.map(\.month.description) == ["2021-06", "2021-07"])
        }
    }
}

@Suite("Importing reports in the store")
struct ReportImportStoreTests {
    static let header = "tenant,month,revenue,tax,employersServed,workersDispatched,workersOutsourced,jobSeekersServed,placements,trainingSessions,trainingAttendees,phdHires,headcount\n"

    @Test("a file with any bad row changes nothing and names every bad row; a good one is recorded, corrections kept")
    func atomicImport() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await ReportStoreTests().park(directory)
            let today = ReportStoreTests.today
            let bad = try ReportImport.parse(Self.header
                + "1,2021-03,100,1,0,0,0,0,0,0,0,0,1\n"
                + "9,2021-03,100,1,0,0,0,0,0,0,0,0,1\n"
                + "1,2021-02,100,1,0,0,0,0,0,0,0,0,1\n"
                + "1,2021-03,100,1,0,0,0,0,0,0,0,0,1\n")
            await #expect(throws: ImportRefused(problems: [
                ImportProblem(line: 3, column: "tenant", reason: "no tenant has id or credit code '9'"),
                ImportProblem(line: 4, column: "month", reason: "tenant 1 was not in the park in 2021-02"),
                ImportProblem(line: 5, column: "month", reason: "tenant 1 and 2021-03 are already on line 2"),
            ])) {
                try await database.importReports(bad.rows, reason: "x", today: today, context: context())
            }
            #expect(try await database.reports().isEmpty)

            var lines = Self.header
            for month in 4...12 { lines += "\(creditCode(1)),2021-\(month < 10 ? "0" : "")\(month),1000,10,1,2,3,4,5,1,6,0,7\n" }
            let good = try ReportImport.parse(lines)
            #expect(try await database.importReports(good.rows, reason: "x", today: today, context: context()) == ImportSummary(imported: 9, corrections: []))
            // Sent again, every row is a correction that changes nothing.
            let unchanged = "the correction changes nothing: every figure given is already in force"
            await #expect(throws: ImportRefused(problems: [
                ImportProblem(line: 2, column: "figures", reason: unchanged), ImportProblem(line: 3, column: "figures", reason: unchanged),
            ])) {
                try await database.importReports(Array(good.rows.prefix(2)), reason: "re-sent", today: today, context: context())
            }
            let corrections = try ReportImport.parse("tenant,month,placements,headcount\n1,2021-04,9,\n1,2021-05,5,8\n")
            let corrected = try await database.importReports(corrections.rows, reason: "late placements", today: today, context: context())
            #expect(corrected == ImportSummary(imported: 2, corrections: [
                ImportedCorrection(line: 2, tenantID: 1, month: Month(year: 2021, month: 4), version: 2, changes: ["placements 5 → 9"]),
                ImportedCorrection(line: 3, tenantID: 1, month: Month(year: 2021, month: 5), version: 2, changes: ["headcount 7 → 8"]),
            ]))
            #expect(try await database.reports().count == 9)
            let april = try await database.reportHistory(.id(1), month: Month(year: 2021, month: 4))
            #expect(april.map(\.version) == [1, 2])
            await #expect(throws: StoreError.noSuchReport(tenant: 1, month: "2019-01"), "a month never reported has no history") {
                try await database.reportHistory(.id(1), month: Month(year: 2019, month: 1))
            }
            #expect(april.last?.reason == "late placements")
            #expect(april.last?.figures.placements == 9 && april.last?.figures.headcount == 7 && april.last?.figures.revenue.fen == 1000_00)
        }
    }

    @Test("each row is decided over the version in force; a refused row names its line and column, and nothing is recorded")
    func decidedRows() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await ReportStoreTests().park(directory)
            let today = ReportStoreTests.today
            _ = try await database.submitReport(.id(1), month: Month(year: 2021, month: 3), figures: ReportStoreTests().figures(100_000_00), reason: nil, today: today, context: context())
            let mixed = try ReportImport.parse("""
                tenant,month,revenue,tax,placements
                1,2021-03,,,9
                1,2021-04,1000,,
                1,2021-03,,,
                1,2021-05,1000,10,
                1,2021-03,,200000,

                """)
            await #expect(throws: ImportRefused(problems: [
                ImportProblem(line: 3, column: "tax", reason: "a first report of a month needs the tax paid"),
                ImportProblem(line: 4, column: "month", reason: "tenant 1 and 2021-03 are already on line 2"),
                ImportProblem(line: 6, column: "month", reason: "tenant 1 and 2021-03 are already on line 2"),
            ])) {
                try await database.importReports(mixed.rows, reason: "x", today: today, context: context())
            }
            let alone = try ReportImport.parse("tenant,month,tax\n1,2021-03,200000\n")
            await #expect(throws: ImportRefused(problems: [
                ImportProblem(line: 2, column: "tax", reason: "200000.00 is more than the revenue, 100000.00"),
            ])) {
                try await database.importReports(alone.rows, reason: "x", today: today, context: context())
            }
            #expect(try await database.reportHistory(.id(1), month: Month(year: 2021, month: 3)).count == 1)
            #expect(try await database.reports().count == 1)
        }
    }
}
