import MemberwiseInit
import ParkCore

/// Everything a reward calculation reads about the park: one entry per tenant. A run stores its
/// inputs in this canonical form, so it can be recomputed bit for bit later (`reward verify`).
@MemberwiseInit
public struct RewardInputs: Codable, Sendable, Equatable {
    public var tenants: [TenantFacts]
}

/// What the policies may read about one tenant. Dates are `YYYY-MM-DD`, months `YYYY-MM`,
/// money in fen, areas in hundredths of a m².
@MemberwiseInit
public struct TenantFacts: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var creditCode: String
    public var businessLines: [String]
    public var tags: [String]
    public var origin: String
    public var appliedOn: String
    public var statusChanges: [StatusFact]
    public var leases: [LeaseFact]
    public var reports: ReportFacts
    /// The events it organised or co-organised with the park; absent when none (so inputs
    /// stored before events existed read, and hash, as they did).
    public var events: [EventFact]? = nil

    public init(
        id: Int64, name: String, creditCode: String, businessLines: [String], tags: [String], origin: String,
        appliedOn: String, statusChanges: [StatusFact], leases: [LeaseFact], reports: [ReportFact], events: [EventFact]? = nil
    ) {
        self.init(
            id: id, name: name, creditCode: creditCode, businessLines: businessLines, tags: tags, origin: origin, appliedOn: appliedOn,
            statusChanges: statusChanges, leases: leases, reports: ReportFacts(reports), events: events)
    }
}

/// An event a tenant organised or co-organised with the park, as rules read it.
@MemberwiseInit
public struct EventFact: Codable, Sendable, Equatable {
    /// The event's id (a series' occurrences share it).
    public var id: Int64
    /// The event's kind (`job-fair`, `online-job-fair`, …).
    public var kind: String
    /// The day the occurrence ends (YYYY-MM-DD, on the event's own wall clock).
    public var ends: String
    /// Called off: the event was cancelled before the occurrence ended.
    public var cancelled: Bool
    /// Employers that attended the occurrence, by its outcome in force; absent while no
    /// outcome is recorded (an outcome is recorded only once it was held).
    public var employers: Int?
}

@MemberwiseInit
public struct StatusFact: Codable, Sendable, Equatable {
    public var to: String
    public var on: String
}

@MemberwiseInit
public struct LeaseFact: Codable, Sendable, Equatable {
    public var id: Int64
    public var start: String
    /// The last day the lease holds its units (its end, or the day it was terminated).
    public var lastDay: String
    public var units: [LeasedUnitFact]
    /// Rent per m² per month in fen, each from a day on; the first from the start.
    public var rents: [RentFact]
}

@MemberwiseInit
public struct LeasedUnitFact: Codable, Sendable, Equatable {
    public var label: String
    public var kind: String
    public var centiSquareMetres: Int64
}

@MemberwiseInit
public struct RentFact: Codable, Sendable, Equatable {
    public var from: String
    public var fenPerSquareMetre: Int64
}

/// The version of a month's operating report in force when the inputs were gathered.
public struct ReportFact: Codable, Sendable, Equatable {
    public var month: String
    public var version: Int
    /// Every figure, in `ReportFigure.allCases` order (`revenue` and `tax` in fen, the rest
    /// counts): a list, not a map, so stored inputs stay small and quick to read back.
    public var values: [Int64]

    /// `figures` by their formula names; a figure not given is 0, unknown names are ignored.
    public init(month: String, version: Int, figures: [String: Int64]) {
        self.month = month
        self.version = version
        self.values = ReportFigure.allCases.map { figures[$0.rawValue] ?? 0 }
    }

    /// Each figure as `figure` gives it.
    public init(month: String, version: Int, figure: (ReportFigure) -> Int64) {
        self.month = month
        self.version = version
        self.values = ReportFigure.allCases.map(figure)
    }
}

/// A tenant's reports as one table: months and versions side by side, and the figures of every
/// report in one list (`ReportFigure.allCases.count` a report, in that order). A park's reports
/// are most of a run's inputs: held this way they take no allocation each, and a sum over months
/// reads one block of memory. It reads, writes (JSON) and compares as the list of
/// `ReportFact`s it holds.
public struct ReportFacts: Sendable, Equatable, RandomAccessCollection, ExpressibleByArrayLiteral, Codable {
    public private(set) var months: [String] = []
    /// Each month as `Month.index` (nil: the text is not a month), read once as reports are added.
    private(set) var monthIndexes: [Int?] = []
    public private(set) var versions: [Int] = []
    /// Report i's figures are `values[i * figuresEach ..< (i + 1) * figuresEach]`.
    public private(set) var values: [Int64] = []
    public static let figuresEach = ReportFigure.allCases.count

    public init() {}

    public init(_ reports: some Sequence<ReportFact>) {
        for report in reports { append(report) }
    }

    public init(arrayLiteral reports: ReportFact...) {
        self.init(reports)
    }

    /// Adds a report; its figures are as many as `ReportFigure.allCases` (what `ReportFact`'s
    /// initialisers make; JSON with any other count does not decode).
    public mutating func append(_ report: ReportFact) {
        append(month: report.month, version: report.version, values: report.values)
    }

    /// A report from its parts, each figure as `figure` gives it, with no list made for it (a
    /// run's inputs read hundreds of thousands of reports).
    public mutating func append(month: String, version: Int, figure: (ReportFigure) -> Int64) {
        months.append(month)
        monthIndexes.append(TenantProfile.monthIndex(month))
        versions.append(version)
        for each in ReportFigure.allCases { values.append(figure(each)) }
    }

    /// The same, from a report's parts (`values`: `figuresEach` of them).
    mutating func append(month: String, version: Int, values figures: [Int64]) {
        precondition(figures.count == Self.figuresEach, "a report has \(Self.figuresEach) figures")
        append(month: month, version: version) { figures[$0.index] }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { months.count }

    public subscript(position: Int) -> ReportFact {
        ReportFact(month: months[position], version: versions[position]) { values[position * Self.figuresEach + $0.index] }
    }

    public static func == (a: ReportFacts, b: ReportFacts) -> Bool {
        a.months == b.months && a.versions == b.versions && a.values == b.values
    }

    public init(from decoder: any Decoder) throws {
        var list = try decoder.unkeyedContainer()
        while !list.isAtEnd {
            let report = try list.decode(ReportFact.self)
            guard report.values.count == Self.figuresEach else {
                throw DecodingError.dataCorruptedError(
                    in: list, debugDescription: "report \(report.month) has \(report.values.count) figures, not \(Self.figuresEach)")
            }
            append(report)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var list = encoder.unkeyedContainer()
        for report in self { try list.encode(report) }
    }
}

/// The figures of an operating report as formulas name them.
public enum ReportFigure: String, CaseIterable, Sendable {
    case revenue, tax
    case employersServed = "employers_served"
    case workersDispatched = "workers_dispatched"
    case workersOutsourced = "workers_outsourced"
    case jobSeekersServed = "job_seekers_served"
    case placements
    case trainingSessions = "training_sessions"
    case trainingAttendees = "training_attendees"
    case phdHires = "phd_hires"
    case headcount

    var type: ValueType { self == .revenue || self == .tax ? .money : .count }

    /// Position in `allCases`.
    public var index: Int {
        switch self {
        case .revenue: 0
        case .tax: 1
        case .employersServed: 2
        case .workersDispatched: 3
        case .workersOutsourced: 4
        case .jobSeekersServed: 5
        case .placements: 6
        case .trainingSessions: 7
        case .trainingAttendees: 8
        case .phdHires: 9
        case .headcount: 10
        }
    }
}
