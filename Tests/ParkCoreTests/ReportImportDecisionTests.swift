import ParkCore
import Testing

/// A CSV row is decided over the version in force exactly as `report add` is: by
/// `SubmittedFigures.decide(over:)`.
@Suite("Report CSV rows: first reports and corrections")
struct ReportImportDecisionTests {
    /// The version in force of 2021-03 in these cases.
    static let inForce = OperatingFigures(
        revenue: Money(fen: 125_000_050), tax: Money(fen: 4_500_000), employersServed: 12, workersDispatched: 340, workersOutsourced: 0,
        jobSeekersServed: 80, placements: 26, trainingSessions: 2, trainingAttendees: 60, phdHires: 0, headcount: 48)

    static func corrected(_ change: (inout OperatingFigures) -> Void) -> OperatingFigures {
        var figures = inForce
        change(&figures)
        return figures
    }

    /// The one row of `file`, which must read without a problem.
    func row(_ file: String) throws -> ImportedReport {
        let parsed = try ReportImport.parse(file)
        #expect(parsed.problems.isEmpty)
        return try #require(parsed.rows.first)
    }

    @Test("a figure column left out of the header, or a cell left empty, gives no figure")
    func partialRows() throws {
        #expect(try row("tenant,month,placements\n1,2021-03,29\n").figures == SubmittedFigures(revenue: nil, tax: nil, counts: ["placements": 29]))
        let emptyCells = try row("tenant,month,revenue,tax,placements,headcount\n1,2021-03, ,,29,\n")
        #expect(emptyCells.figures == SubmittedFigures(revenue: nil, tax: nil, counts: ["placements": 29]))
        #expect(try row("month,tenant\n2021-03,1\n").figures.isEmpty)
    }

    @Test("given: the version in force; when: a correction row; then: only the figures given change", arguments: [
        ("tenant,month,placements\n1,2021-03,29\n", corrected { $0.placements = 29 }, ["placements 26 → 29"]),
        ("tenant,month,revenue,tax,placements,headcount\n1,2021-03,,,29,\n", corrected { $0.placements = 29 }, ["placements 26 → 29"]),
        ("tenant,month,revenue,tax,headcount\n1,2021-03,1300000,45000,50\n", corrected { $0.revenue = Money(fen: 130_000_000); $0.headcount = 50 },
         ["revenue 1250000.50 → 1300000.00", "headcount 48 → 50"]),
    ])
    func corrections(_ file: String, _ expected: OperatingFigures, _ changes: [String]) throws {
        #expect(try row(file).figures.decide(over: Self.inForce) == .record(expected, changes: changes))
    }

    @Test("a correction row that gives or changes nothing is refused with the sentence of report add", arguments: [
        ("tenant,month,placements\n1,2021-03,26\n", "the correction changes nothing: every figure given is already in force"),
        ("tenant,month,revenue,placements\n1,2021-03,1250000.50,\n", "the correction changes nothing: every figure given is already in force"),
        ("tenant,month,placements\n1,2021-03,\n", "a correction gives at least one figure; the others keep the version in force"),
    ])
    func refusedCorrections(_ file: String, _ reason: String) throws {
        #expect(try row(file).figures.decide(over: Self.inForce) == .refuse(.invalid("figures", reason), more: []))
    }

    @Test("a correction is judged with the figures it keeps: tax above the revenue in force is refused")
    func correctionJudgedWhole() throws {
        #expect(try row("tenant,month,tax\n1,2021-03,1250000.51\n").figures.decide(over: Self.inForce)
            == .refuse(.invalid("tax", "1250000.51 is more than the revenue, 1250000.50"), more: []))
        // A revenue alone lowered under the tax in force is what is wrong: it is named.
        #expect(try row("tenant,month,revenue\n1,2021-03,100.00\n").figures.decide(over: Self.inForce)
            == .refuse(.invalid("revenue", "100.00 is less than the tax in force, 45000.00"), more: []))
    }

    @Test("a first report needs revenue and tax, naming each one missing; counts not given are 0")
    func firstReports() throws {
        let missingTax = try row("tenant,month,revenue,placements\n1,2021-03,1000,3\n")
        #expect(missingTax.figures.decide(over: nil) == .refuse(.invalid("tax", "a first report of a month needs the tax paid"), more: []))
        let missingBoth = try row("tenant,month,placements\n1,2021-03,3\n")
        #expect(missingBoth.figures.decide(over: nil) == .refuse(
            .invalid("revenue", "a first report of a month needs the revenue"),
            more: [.invalid("tax", "a first report of a month needs the tax paid")]))
        let complete = try row("tenant,month,tax,revenue,placements\n1,2021-03,10,1000,3\n")
        let zeroes = OperatingFigures(
            revenue: Money(fen: 100_000), tax: Money(fen: 1_000), employersServed: 0, workersDispatched: 0, workersOutsourced: 0,
            jobSeekersServed: 0, placements: 3, trainingSessions: 0, trainingAttendees: 0, phdHires: 0, headcount: 0)
        #expect(complete.figures.decide(over: nil) == .record(zeroes, changes: []))
    }

    @Test("every problem of a first report is named, but tax is not judged without a revenue")
    func firstReportProblems() throws {
        let file = "tenant,month,revenue,tax,trainingAttendees\n1,2021-03,100,200,5\n1,2021-04,,200,5\n"
        let rows = try ReportImport.parse(file).rows
        #expect(rows.map(\.line) == [2, 3])
        #expect(rows[0].figures.decide(over: nil) == .refuse(
            .invalid("tax", "200.00 is more than the revenue, 100.00"),
            more: [.invalid("trainingAttendees", "5 attendees but no training session")]))
        #expect(rows[1].figures.decide(over: nil) == .refuse(
            .invalid("revenue", "a first report of a month needs the revenue"),
            more: [.invalid("trainingAttendees", "5 attendees but no training session")]))
    }

    @Test("a cell is judged on its own while reading: a negative or unbelievable figure names its line and column")
    func cellsJudgedAlone() throws {
        let parsed = try ReportImport.parse("tenant,month,headcount,revenue\n1,2021-03,-3,100000000001\n")
        #expect(parsed.rows.isEmpty)
        #expect(parsed.problems == [
            ImportProblem(line: 2, column: "revenue", reason: "100000000001 is too large: at most 100000000000.00 yuan a month"),
            ImportProblem(line: 2, column: "headcount", reason: "-3 must not be negative"),
        ])
    }

    @Test("report add and a CSV row with the same figures are decided alike")
    func sameRuleAsReportAdd() throws {
        let added = SubmittedFigures(revenue: nil, tax: nil, counts: ["placements": 29])
        let imported = try row("tenant,month,placements\n1,2021-03,29\n").figures
        #expect(added == imported)
        #expect(added.decide(over: Self.inForce) == imported.decide(over: Self.inForce))
        #expect(added.decide(over: nil) == imported.decide(over: nil))
    }
}
