import MemberwiseInit

/// `io.parkd.Report`: tenants' monthly operating reports.
public enum ReportAPI {
    public static let interface = VarlinkInterface(
        name: "io.parkd.Report", methods: [create, list, history, withdraw, beginImport, addToImport, finishImport], errors: errors, definition: """
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
          \(SharedFields.lines(SharedFields.reportFlows)),
          # Staff at the end of the month.
          headcount: int,
          # 1 for the first submission, one more per correction or withdrawal.
          version: int,
          # True for the version in force.
          current: bool,
          # True for the version that withdrew the report in force (it keeps the figures it
          # withdrew); absent otherwise.
          withdrawn: ?bool,
          # Why it was corrected or withdrawn.
          reason: ?string,
          # When it was recorded (RFC 3339, UTC).
          recordedAt: string,
          # Who recorded it.
          recordedBy: string
        )

        # Records a report, or corrects it (a correction needs a reason). A first report needs
        # revenue and tax (counts not given are 0); a correction changes the figures it gives
        # and keeps the others, and must change at least one. Refused: negative or absurd
        # values, a month that has not ended, a month the tenant was not in the park.
        method Create(
          # Tenant id or credit code.
          tenant: string,
          # The month reported (YYYY-MM).
          month: string,
          # Yuan, exact to the fen ("1250000.50").
          revenue: ?string,
          # Yuan, exact to the fen.
          tax: ?string,
          \(SharedFields.lines(SharedFields.reportFlows, type: "?int")),
          # Staff at the end of the month.
          headcount: ?int,
          # Why the report is corrected; a correction needs one.
          reason: ?string
        ) -> (
          # The version recorded.
          report: Report,
          # What a correction changed against the version before, one figure each
          # ("placements 26 → 29"); empty for a first report.
          changes: []string
        )

        # Current reports by month, then tenant.
        method List(
          # Only this tenant's (id or credit code).
          tenant: ?string,
          # First month (YYYY-MM).
          from: ?string,
          # Last month (YYYY-MM).
          to: ?string,
          # Page size, 1 to 1000 (default 500).
          limit: ?int,
          # Cursor from a previous page's next.
          after: ?string
        ) -> (
          # The reports, each in its current version, by month and tenant id.
          reports: []Report,
          # Cursor for the following page; absent on the last page.
          next: ?string
        )

        # Every version of one report, oldest first. Refused with NoSuchReport when the tenant
        # never reported the month.
        method History(
          # Tenant id or credit code.
          tenant: string,
          # YYYY-MM.
          month: string,
          # Page size, 1 to 1000 (default 500).
          limit: ?int,
          # Cursor from a previous page's next: versions after this one.
          after: ?int
        ) -> (
          # Its versions, oldest first.
          versions: []Report,
          # Cursor for the following page; absent on the last page.
          next: ?int
        )

        # Withdraws a report filed in error (under the wrong month, or for a month the firm was
        # not in the park): the month is then as if never reported — in lists, statistics,
        # reward runs computed after and the check of an exit — until it is reported again, as
        # a first report. Every version is kept, the withdrawal as the latest. Refused when the
        # month has no report in force.
        method Withdraw(
          # Tenant id or credit code.
          tenant: string,
          # YYYY-MM.
          month: string,
          # Why the report is withdrawn.
          reason: string
        ) -> (
          # The version recorded: the withdrawal, with the figures it withdrew.
          report: Report
        )

        # One thing wrong in an imported file; line 1 is the header.
        type ImportProblem (
          # Its line in the file.
          line: int,
          # The column's name, or - for the row as a whole.
          column: string,
          # What is wrong.
          reason: string
        )

        # A row of an imported file that corrected a report.
        type ImportCorrection (
          # Its line in the file (line 1 is the header).
          line: int,
          # The tenant's id.
          tenant: int,
          # YYYY-MM.
          month: string,
          # The version it recorded (2 or more).
          version: int,
          # What it changed against the version before, one figure each ("placements 26 → 29").
          changes: []string
        )

        # Starts uploading a CSV file of reports: a header row naming, in any order, the columns
        # tenant and month (required) and any of revenue, tax, employersServed,
        # workersDispatched, workersOutsourced, jobSeekersServed, placements, trainingSessions,
        # trainingAttendees, phdHires, headcount.
        method BeginImport() -> (
          # The upload's id, for AddToImport and FinishImport.
          import: string
        )

        # Appends the next part of the file (parts are concatenated as sent).
        method AddToImport(
          # The upload's id, from BeginImport.
          import: string,
          # The next part of the file's text.
          text: string
        ) -> (
          # The size of the file received so far, in bytes.
          bytes: int
        )

        # Records every report of the file in one transaction, or none: the error lists every
        # bad row and column. Each row is decided as Create decides: a row for a month not yet
        # reported is a first report and needs revenue and tax (counts not given are 0); a row
        # for a month already reported is a correction with `reason` that changes only the
        # figures it gives (a column left out or a cell left empty keeps the figure in force),
        # and is refused when it changes nothing.
        method FinishImport(
          # The upload's id, from BeginImport.
          import: string,
          # Why reports are corrected (default "corrected by CSV import").
          reason: ?string
        ) -> (
          # Reports recorded, corrections included.
          imported: int,
          # Of those, how many replaced an earlier report.
          corrected: int,
          # What each correction changed, in the order of the file; absent when the file
          # corrected nothing (and from a parkd that predates it).
          corrections: ?[]ImportCorrection
        )

        # The tenant never reported the month (a withdrawn report is a version: see History).
        error NoSuchReport (
          # The tenant's id.
          tenant: int,
          # The month, YYYY-MM.
          month: string
        )

        # No open import has this id (or it is another user's).
        error NoSuchImport (
          # The upload's id, as given.
          import: string
        )

        # As many imports as parkd keeps open at once are being uploaded: try again once one
        # is finished.
        error ImportsBusy (
          # How many are open.
          open: int
        )

        # The file was refused as a whole; nothing was recorded.
        error ImportRefused (
          # The bad rows and columns, in the order of the file: the first 1,000.
          problems: []ImportProblem,
          # How many more problems the file has than are listed; absent when none.
          more: ?int
        )

        """)

    /// Answers its former name, Submit, until the next release.
    public static let create = VarlinkMethod<Create, CreateReply>(
        "io.parkd.Report.Create", access: .write, formerNames: ["io.parkd.Report.Submit"])
    public static let list = VarlinkMethod<List, ListReply>("io.parkd.Report.List", access: .read)
    public static let history = VarlinkMethod<History, HistoryReply>("io.parkd.Report.History", access: .read)
    public static let withdraw = VarlinkMethod<Withdraw, WithdrawReply>("io.parkd.Report.Withdraw", access: .write)
    public static let beginImport = VarlinkMethod<NoParameters, BeginImportReply>("io.parkd.Report.BeginImport", access: .write)
    public static let addToImport = VarlinkMethod<AddToImport, AddToImportReply>("io.parkd.Report.AddToImport", access: .write)
    public static let finishImport = VarlinkMethod<FinishImport, FinishImportReply>("io.parkd.Report.FinishImport", access: .write)

    public struct BeginImportReply: Codable, Sendable {
        public var `import`: String
        public init(import id: String) { self.import = id }
    }

    public struct AddToImport: Codable, Sendable {
        public var `import`: String
        public var text: String
        public init(import id: String, text: String) {
            self.import = id
            self.text = text
        }
    }

    @MemberwiseInit
    public struct AddToImportReply: Codable, Sendable {
        public var bytes: Int
    }

    public struct FinishImport: Codable, Sendable {
        public var `import`: String
        public var reason: String?
        public init(import id: String, reason: String?) {
            self.import = id
            self.reason = reason
        }
    }

    @MemberwiseInit
    public struct FinishImportReply: Codable, Sendable {
        public var imported: Int
        public var corrected: Int
        public var corrections: [ImportCorrection]?
    }

    @MemberwiseInit
    public struct ImportCorrection: Codable, Sendable, Equatable {
        public var line: Int
        public var tenant: Int64
        public var month: String
        public var version: Int
        public var changes: [String]
    }

    @MemberwiseInit
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
        public var withdrawn: Bool? = nil
        public var reason: String?
        public var recordedAt: String
        public var recordedBy: String
    }

    @MemberwiseInit
    public struct Create: Codable, Sendable {
        public var tenant: String
        public var month: String
        public var revenue: String?
        public var tax: String?
        public var employersServed: Int?
        public var workersDispatched: Int?
        public var workersOutsourced: Int?
        public var jobSeekersServed: Int?
        public var placements: Int?
        public var trainingSessions: Int?
        public var trainingAttendees: Int?
        public var phdHires: Int?
        public var headcount: Int?
        public var reason: String?
    }

    @MemberwiseInit
    public struct CreateReply: Codable, Sendable {
        public var report: Report
        public var changes: [String]
    }

    @MemberwiseInit
    public struct List: Codable, Sendable {
        public var tenant: String? = nil
        public var from: String? = nil
        public var to: String? = nil
        public var limit: Int? = nil
        public var after: String? = nil
    }

    @MemberwiseInit
    public struct ListReply: Codable, Sendable {
        public var reports: [Report]
        public var next: String?
    }

    @MemberwiseInit
    public struct History: Codable, Sendable {
        public var tenant: String
        public var month: String
        public var limit: Int? = nil
        public var after: Int? = nil
    }

    @MemberwiseInit
    public struct HistoryReply: Codable, Sendable {
        public var versions: [Report]
        public var next: Int? = nil
    }

    @MemberwiseInit
    public struct Withdraw: Codable, Sendable {
        public var tenant: String
        public var month: String
        public var reason: String
    }

    @MemberwiseInit
    public struct WithdrawReply: Codable, Sendable {
        public var report: Report
    }
}
