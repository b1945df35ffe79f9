import GRDB
import ParkCore
import ParkPolicy

/// A row of `operatingReport`: one version of a tenant's report for a month.
struct OperatingReportRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "operatingReport"

    var id: Int64?
    var tenantId: Int64
    var month: String
    var version: Int
    var isCurrent: Bool
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

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let tenantId = Column(CodingKeys.tenantId)
        static let month = Column(CodingKeys.month)
        static let version = Column(CodingKeys.version)
        static let isCurrent = Column(CodingKeys.isCurrent)
        static let revenueFen = Column(CodingKeys.revenueFen)
        static let taxFen = Column(CodingKeys.taxFen)
        static let employersServed = Column(CodingKeys.employersServed)
        static let workersDispatched = Column(CodingKeys.workersDispatched)
        static let workersOutsourced = Column(CodingKeys.workersOutsourced)
        static let jobSeekersServed = Column(CodingKeys.jobSeekersServed)
        static let placements = Column(CodingKeys.placements)
        static let trainingSessions = Column(CodingKeys.trainingSessions)
        static let trainingAttendees = Column(CodingKeys.trainingAttendees)
        static let phdHires = Column(CodingKeys.phdHires)
        static let headcount = Column(CodingKeys.headcount)
        static let reason = Column(CodingKeys.reason)
        static let recordedAt = Column(CodingKeys.recordedAt)
        static let recordedBy = Column(CodingKeys.recordedBy)
    }

    /// Reads the columns by name in code: Decodable costs about twice as much on reads of every
    /// report of the park (report lists, reward inputs).
    init(row: Row) {
        id = row[Columns.id]
        tenantId = row[Columns.tenantId]
        month = row[Columns.month]
        version = row[Columns.version]
        isCurrent = row[Columns.isCurrent]
        revenueFen = row[Columns.revenueFen]
        taxFen = row[Columns.taxFen]
        employersServed = row[Columns.employersServed]
        workersDispatched = row[Columns.workersDispatched]
        workersOutsourced = row[Columns.workersOutsourced]
        jobSeekersServed = row[Columns.jobSeekersServed]
        placements = row[Columns.placements]
        trainingSessions = row[Columns.trainingSessions]
        trainingAttendees = row[Columns.trainingAttendees]
        phdHires = row[Columns.phdHires]
        headcount = row[Columns.headcount]
        reason = row[Columns.reason]
        recordedAt = row[Columns.recordedAt]
        recordedBy = row[Columns.recordedBy]
    }

    /// The current version of a tenant's report for a month.
    init(tenantId: Int64, month: Month, version: Int, figures: OperatingFigures, reason: String?, recordedAt: String, recordedBy: String) {
        self.tenantId = tenantId
        self.month = month.description
        self.version = version
        isCurrent = true
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
            reason: reason, recordedAt: recordedAt, recordedBy: recordedBy)
    }

    /// The report as the policies read it.
    var fact: ReportFact {
        ReportFact(month: month, version: version) { figure in
            switch figure {
            case .revenue: revenueFen
            case .tax: taxFen
            case .employersServed: Int64(employersServed)
            case .workersDispatched: Int64(workersDispatched)
            case .workersOutsourced: Int64(workersOutsourced)
            case .jobSeekersServed: Int64(jobSeekersServed)
            case .placements: Int64(placements)
            case .trainingSessions: Int64(trainingSessions)
            case .trainingAttendees: Int64(trainingAttendees)
            case .phdHires: Int64(phdHires)
            case .headcount: Int64(headcount)
            }
        }
    }
}
