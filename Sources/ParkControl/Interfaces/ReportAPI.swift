/// `io.parkd.Report`: tenants' monthly operating reports.
public enum ReportAPI {
    public static let interface = VarlinkInterface(name: "io.parkd.Report", definition: """
        # Monthly operating reports. Money is a decimal string in yuan ("1234.50"); the other
        # figures are counts (person-times where the park counts services). A correction
        # replaces a report; every earlier version is kept.
        interface io.parkd.Report

        # One version of a tenant's report for a month.
        type Report (
          # The tenant's id.
          tenant: int,
          # The tenant's name.
          tenantName: string,
          # YYYY-MM.
          month: string,
          # Revenue in yuan.
          revenue: string,
          # Tax paid in yuan.
          tax: string,
          employersServed: int,
          workersDispatched: int,
          workersOutsourced: int,
          jobSeekersServed: int,
          # People placed in jobs.
          placements: int,
          trainingSessions: int,
          trainingAttendees: int,
          # PhD-level staff hired.
          phdHires: int,
          # Staff at the end of the month.
          headcount: int,
          # 1 for the first submission, one more per correction.
          version: int,
          # True for the version in force.
          current: bool,
          # Why it was corrected.
          reason: ?string,
          # When it was recorded (RFC 3339, UTC).
          recordedAt: string,
          # Who recorded it.
          recordedBy: string
        )

        # Records a report, or corrects it (a correction needs a reason). Refused: negative
        # or absurd values, a month that has not begun, a month the tenant was not in the park.
        method Submit(
          # Tenant id or credit code.
          tenant: string,
          month: string,
          revenue: string,
          tax: string,
          employersServed: int,
          workersDispatched: int,
          workersOutsourced: int,
          jobSeekersServed: int,
          placements: int,
          trainingSessions: int,
          trainingAttendees: int,
          phdHires: int,
          headcount: int,
          reason: ?string
        ) -> (report: Report)

        # Current reports by month, then tenant.
        method List(
          # Only this tenant's (id or credit code).
          tenant: ?string,
          # First month (YYYY-MM).
          from: ?string,
          # Last month (YYYY-MM).
          to: ?string
        ) -> (reports: []Report)

        # Every version of one report, oldest first.
        method History(tenant: string, month: string) -> (versions: []Report)

        """)

    public static let submit = VarlinkMethod<Submit, ReportReply>("io.parkd.Report.Submit", access: .write)
    public static let list = VarlinkMethod<List, ListReply>("io.parkd.Report.List", access: .read)
    public static let history = VarlinkMethod<History, HistoryReply>("io.parkd.Report.History", access: .read)

    public struct Report: Codable, Sendable, Equatable {
        public var tenant: Int64
        public var tenantName: String
        public var month: String
        public var revenue: String
        public var tax: String
        public var employersServed: Int
        public var workersDispatched: Int
        public var workersOutsourced: Int
        public var jobSeekersServed: Int
        public var placements: Int
        public var trainingSessions: Int
        public var trainingAttendees: Int
        public var phdHires: Int
        public var headcount: Int
        public var version: Int
        public var current: Bool
        public var reason: String?
        public var recordedAt: String
        public var recordedBy: String

        public init(
            tenant: Int64, tenantName: String, month: String, revenue: String, tax: String, employersServed: Int,
            workersDispatched: Int, workersOutsourced: Int, jobSeekersServed: Int, placements: Int, trainingSessions: Int,
            trainingAttendees: Int, phdHires: Int, headcount: Int, version: Int, current: Bool, reason: String?,
            recordedAt: String, recordedBy: String
        ) {
            self.tenant = tenant
            self.tenantName = tenantName
            self.month = month
            self.revenue = revenue
            self.tax = tax
            self.employersServed = employersServed
            self.workersDispatched = workersDispatched
            self.workersOutsourced = workersOutsourced
            self.jobSeekersServed = jobSeekersServed
            self.placements = placements
            self.trainingSessions = trainingSessions
            self.trainingAttendees = trainingAttendees
            self.phdHires = phdHires
            self.headcount = headcount
            self.version = version
            self.current = current
            self.reason = reason
            self.recordedAt = recordedAt
            self.recordedBy = recordedBy
        }
    }

    public struct Submit: Codable, Sendable {
        public var tenant: String
        public var month: String
        public var revenue: String
        public var tax: String
        public var employersServed: Int
        public var workersDispatched: Int
        public var workersOutsourced: Int
        public var jobSeekersServed: Int
        public var placements: Int
        public var trainingSessions: Int
        public var trainingAttendees: Int
        public var phdHires: Int
        public var headcount: Int
        public var reason: String?

        public init(
            tenant: String, month: String, revenue: String, tax: String, employersServed: Int, workersDispatched: Int,
            workersOutsourced: Int, jobSeekersServed: Int, placements: Int, trainingSessions: Int, trainingAttendees: Int,
            phdHires: Int, headcount: Int, reason: String?
        ) {
            self.tenant = tenant
            self.month = month
            self.revenue = revenue
            self.tax = tax
            self.employersServed = employersServed
            self.workersDispatched = workersDispatched
            self.workersOutsourced = workersOutsourced
            self.jobSeekersServed = jobSeekersServed
            self.placements = placements
            self.trainingSessions = trainingSessions
            self.trainingAttendees = trainingAttendees
            self.phdHires = phdHires
            self.headcount = headcount
            self.reason = reason
        }
    }

    public struct ReportReply: Codable, Sendable {
        public var report: Report
        public init(report: Report) { self.report = report }
    }

    public struct List: Codable, Sendable {
        public var tenant: String?
        public var from: String?
        public var to: String?
        public init(tenant: String? = nil, from: String? = nil, to: String? = nil) {
            self.tenant = tenant
            self.from = from
            self.to = to
        }
    }

    public struct ListReply: Codable, Sendable {
        public var reports: [Report]
        public init(reports: [Report]) { self.reports = reports }
    }

    public struct History: Codable, Sendable {
        public var tenant: String
        public var month: String
        public init(tenant: String, month: String) {
            self.tenant = tenant
            self.month = month
        }
    }

    public struct HistoryReply: Codable, Sendable {
        public var versions: [Report]
        public init(versions: [Report]) { self.versions = versions }
    }
}
