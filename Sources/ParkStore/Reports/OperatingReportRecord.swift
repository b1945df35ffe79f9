import GRDB
import ParkCore
import ParkPolicy

/// A row of `operatingReport`: one version of a tenant's report for a month. Read from the rows
/// of a statement whose columns are found by name once (`ColumnPositions`): reads of every report
/// of the park (report lists, reward inputs) go through hundreds of thousands of rows.
struct OperatingReportRecord: Codable, PersistableRecord {
    static let databaseTableName = "operatingReport"

    var id: Int64?
    var tenantId: Int64
    var month: String
    var version: Int
    var isCurrent: Bool
    /// The version that withdrew the report in force (never current): it keeps the figures it
    /// took out of force, and the month has no report in force until the next version.
    var withdrawn: Bool
    var revenueFen: Int64
    var taxFen: Int64
    var employersServed: Int
    var workersDispatched: Int
    var workersOutsourced: Int
    var jobSeekersServed: Int
    var placements: Int
    var trainingSessions: Int
    var trainingAttendees: Int
    var phdHires: Int
    var headcount: Int
    var reason: String?
    var recordedAt: String
    var recordedBy: String

    enum CodingKeys: Int, CodingKey, CaseIterable {
        case id, tenantId, month, version, isCurrent, withdrawn, revenueFen, taxFen, employersServed, workersDispatched, workersOutsourced
        case jobSeekersServed, placements, trainingSessions, trainingAttendees, phdHires, headcount, reason, recordedAt, recordedBy
    }

    /// Where each column stands in the rows of one statement, found by name once for all of
    /// them: looking a name up in every row (GRDB lowercases and hashes it each time) took most
    /// of the time of reading a park's reports.
    struct ColumnPositions {
        fileprivate let positions: [Int]

        /// The columns in `statement`'s rows; an error names the first that is missing.
        init(_ statement: Statement) throws {
            positions = try CodingKeys.allCases.map { key in try Self.position(of: key, in: statement) }
        }

        fileprivate subscript(key: CodingKeys) -> Int { positions[key.rawValue] }

        /// Where one column stands in `statement`'s rows; an error names it when it is missing.
        fileprivate static func position(of key: CodingKeys, in statement: Statement) throws -> Int {
            try statement.index(ofColumn: key.stringValue).orThrow(StoreError.unreadable("operatingReport", "a column \(key.stringValue)"))
        }
    }

    /// Reads the columns in code: Decodable costs about twice as much.
    init(row: Row, at columns: ColumnPositions) {
        id = row[columns[.id]]
        tenantId = row[columns[.tenantId]]
        month = row[columns[.month]]
        version = row[columns[.version]]
        isCurrent = row[columns[.isCurrent]]
        withdrawn = row[columns[.withdrawn]]
        revenueFen = row[columns[.revenueFen]]
        taxFen = row[columns[.taxFen]]
        employersServed = row[columns[.employersServed]]
        workersDispatched = row[columns[.workersDispatched]]
        workersOutsourced = row[columns[.workersOutsourced]]
        jobSeekersServed = row[columns[.jobSeekersServed]]
        placements = row[columns[.placements]]
        trainingSessions = row[columns[.trainingSessions]]
        trainingAttendees = row[columns[.trainingAttendees]]
        phdHires = row[columns[.phdHires]]
        headcount = row[columns[.headcount]]
        reason = row[columns[.reason]]
        recordedAt = row[columns[.recordedAt]]
        recordedBy = row[columns[.recordedBy]]
    }

    /// Each report the statement reads, with its row (for the other columns it selects).
    static func forEach(in statement: Statement, _ body: (OperatingReportRecord, Row) throws -> Void) throws {
        let columns = try ColumnPositions(statement)
        let rows = try Row.fetchCursor(statement)
        while let row = try rows.next() { try body(OperatingReportRecord(row: row, at: columns), row) }
    }

    /// The current reports of months up to `lastMonth` (`YYYY-MM`), as the policies read them,
    /// by tenant: only the columns they need, read by positions found by name once, each report
    /// added to its tenant's without a record or a list made for it (a run reads every report
    /// of the park).
    static func currentFacts(_ db: Database, through lastMonth: String) throws -> [Int64: ReportFacts] {
        let figures = ReportFigure.allCases.map(column(of:))
        let selected = [CodingKeys.tenantId, .month, .version] + figures
        let statement = try db.makeStatement(sql: """
            SELECT \(selected.map(\.stringValue.quotedDatabaseIdentifier).joined(separator: ", ")) FROM operatingReport
            WHERE isCurrent AND month <= ? ORDER BY tenantId, month
            """)
        statement.arguments = [lastMonth]
        func position(_ key: CodingKeys) throws -> Int { try ColumnPositions.position(of: key, in: statement) }
        let tenant = try position(.tenantId), month = try position(.month), version = try position(.version)
        let figurePositions = try figures.map(position)
        var facts: [Int64: ReportFacts] = [:]
        // Rows come tenant by tenant: each tenant's reports are gathered, then stored once.
        var gatheredTenant: Int64?
        var gathered = ReportFacts()
        let rows = try Row.fetchCursor(statement)
        while let row = try rows.next() {
            let id: Int64 = row[tenant]
            if id != gatheredTenant {
                if let gatheredTenant { facts[gatheredTenant] = gathered }
                gatheredTenant = id
                gathered = ReportFacts()
            }
            gathered.append(month: row[month], version: row[version]) { figure in row[figurePositions[figure.index]] }
        }
        if let gatheredTenant { facts[gatheredTenant] = gathered }
        return facts
    }

    /// The column holding a report figure.
    private static func column(of figure: ReportFigure) -> CodingKeys {
        switch figure {
        case .revenue: .revenueFen
        case .tax: .taxFen
        case .employersServed: .employersServed
        case .workersDispatched: .workersDispatched
        case .workersOutsourced: .workersOutsourced
        case .jobSeekersServed: .jobSeekersServed
        case .placements: .placements
        case .trainingSessions: .trainingSessions
        case .trainingAttendees: .trainingAttendees
        case .phdHires: .phdHires
        case .headcount: .headcount
        }
    }

    /// A version of a tenant's report for a month: the one in force, or (`withdrawn`) the
    /// withdrawal of the one that was, with its figures.
    init(
        tenantId: Int64, month: Month, version: Int, figures: OperatingFigures, withdrawn: Bool = false, reason: String?, recordedAt: String,
        recordedBy: String
    ) {
        self.tenantId = tenantId
        self.month = month.description
        self.version = version
        isCurrent = !withdrawn
        self.withdrawn = withdrawn
        revenueFen = figures.revenue.fen
        taxFen = figures.tax.fen
        employersServed = figures.employersServed
        workersDispatched = figures.workersDispatched
        workersOutsourced = figures.workersOutsourced
        jobSeekersServed = figures.jobSeekersServed
        placements = figures.placements
        trainingSessions = figures.trainingSessions
        trainingAttendees = figures.trainingAttendees
        phdHires = figures.phdHires
        headcount = figures.headcount
        self.reason = reason
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }

    var figures: OperatingFigures {
        OperatingFigures(
            revenue: Money(fen: revenueFen), tax: Money(fen: taxFen), employersServed: employersServed,
            workersDispatched: workersDispatched, workersOutsourced: workersOutsourced, jobSeekersServed: jobSeekersServed,
            placements: placements, trainingSessions: trainingSessions, trainingAttendees: trainingAttendees, phdHires: phdHires,
            headcount: headcount)
    }

    func storedReport(tenantName: String) throws -> StoredReport {
        guard let month = try? Month.parse(month, field: "month") else { throw StoreError.unreadable("operatingReport", "a month") }
        return StoredReport(
            tenantID: tenantId, tenantName: tenantName, month: month, figures: figures, version: version, isCurrent: isCurrent,
            withdrawn: withdrawn, reason: reason, recordedAt: recordedAt, recordedBy: recordedBy)
    }
}
