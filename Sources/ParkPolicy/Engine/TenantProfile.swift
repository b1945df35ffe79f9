import ParkCore

/// One tenant's facts, parsed and indexed once for fast evaluation on any day.
final class TenantProfile: Sendable {
    struct ProfileLease: Sendable {
        let id: Int64
        let start: CivilDate
        let lastDay: CivilDate
        let units: [LeasedUnitFact]
        let rents: [(from: CivilDate, fen: Int64)]

        func holds(_ day: CivilDate) -> Bool { start <= day && day <= lastDay }
        func rent(on day: CivilDate) -> Int64 { rents.last { $0.from <= day }?.fen ?? rents.first?.fen ?? 0 }
        func area(of kind: String) -> Int64 { units.filter { $0.kind == kind }.reduce(0) { $0 + $1.centiSquareMetres } }
    }

    let facts: TenantFacts
    let statusChanges: [(on: CivilDate, to: TenantStatus)]
    let appliedOn: CivilDate
    /// The start of the tenant's first lease.
    let firstMoveIn: CivilDate?
    /// The day it became exited.
    let exitDate: CivilDate?
    let lines: Set<String>
    let tags: Set<String>
    let hasHRLine: Bool
    /// Leases by start day (then id): the order in which an area cap is filled.
    let leases: [ProfileLease]
    /// Report figures by month index (year × 12 + month − 1), in `ReportFigure.allCases` order.
    let reports: [Int: (version: Int, figures: [Int64])]
    /// The first to the last month reported.
    let reportedMonths: ClosedRange<Int>?

    init(_ facts: TenantFacts) throws(PolicyRunError) {
        self.facts = facts
        func date(_ text: String, _ field: String) throws(PolicyRunError) -> CivilDate {
            do { return try CivilDate.parse(text, field: field) } catch {
                throw PolicyRunError("tenant \(facts.id): \(field) '\(text)' is not a date")
            }
        }
        appliedOn = try date(facts.appliedOn, "appliedOn")
        var changes: [(on: CivilDate, to: TenantStatus)] = []
        for change in facts.statusChanges {
            guard let status = TenantStatus(rawValue: change.to) else {
                throw PolicyRunError("tenant \(facts.id): unknown status '\(change.to)'")
            }
            changes.append((try date(change.on, "statusChanges.on"), status))
        }
        statusChanges = changes
        exitDate = changes.first { $0.to == .exited }?.on
        lines = Set(facts.businessLines)
        tags = Set(facts.tags)
        hasHRLine = facts.businessLines.contains { BusinessLine(rawValue: $0)?.isHRService == true }
        var leases: [ProfileLease] = []
        for lease in facts.leases {
            var rents: [(from: CivilDate, fen: Int64)] = []
            for rent in lease.rents { rents.append((try date(rent.from, "rents.from"), rent.fenPerSquareMetre)) }
            leases.append(ProfileLease(
                id: lease.id, start: try date(lease.start, "leases.start"), lastDay: try date(lease.lastDay, "leases.lastDay"),
                units: lease.units, rents: rents))
        }
        self.leases = leases.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        firstMoveIn = self.leases.first?.start
        var reports: [Int: (version: Int, figures: [Int64])] = [:]
        for report in facts.reports {
            guard let month = try? Month.parse(report.month, field: "month") else {
                throw PolicyRunError("tenant \(facts.id): report month '\(report.month)' is not a month")
            }
            reports[month.index] = (report.version, ReportFigure.allCases.map { report.figures[$0.rawValue] ?? 0 })
        }
        self.reports = reports
        reportedMonths = reports.keys.min().map { $0...reports.keys.max()! }
    }

    var id: Int64 { facts.id }

    func status(on day: CivilDate) -> TenantStatus {
        statusChanges.last { $0.on <= day }?.to ?? .applicant
    }

    /// Lease year k of `day` counted from the first move-in (0 before it).
    func leaseYear(on day: CivilDate) -> Int {
        guard let firstMoveIn, firstMoveIn <= day else { return 0 }
        var k = max(1, day.year - firstMoveIn.year)
        while firstMoveIn.addingYears(k) <= day { k += 1 }
        while k > 1, firstMoveIn.addingYears(k - 1) > day { k -= 1 }
        return k
    }

    /// Area of units of `kind` leased on `day`, in hundredths of a m².
    func leasedArea(of kind: String, on day: CivilDate) -> Int64 {
        leases.reduce(0) { $0 + ($1.holds(day) ? $1.area(of: kind) : 0) }
    }

    /// Σ over office leases held on `day`, earliest first, of min(rent, rent cap) × the lease's
    /// share of the area cap (yuan per month); each lease used, with its capped area and rent.
    func cappedOfficeRent(on day: CivilDate, rentCap: Exact, areaCap: Exact) throws(ArithmeticError)
        -> (total: Exact, used: [(lease: ProfileLease, area: Exact, rent: Exact)]) {
        var remaining = areaCap
        var total = Exact.zero
        var used: [(lease: ProfileLease, area: Exact, rent: Exact)] = []
        for lease in leases where lease.holds(day) {
            let area = Exact(numerator: Int128(lease.area(of: "office")), denominator: 100)
            guard !area.isZero else { continue }
            let counted = min(area, max(.zero, remaining))
            remaining = try remaining - counted
            let rent = min(Exact(fen: lease.rent(on: day)), rentCap)
            total = try total + (try rent * counted)
            used.append((lease, counted, rent))
        }
        return (total, used)
    }

    func figure(_ figure: ReportFigure, month: Int) -> Int64? {
        reports[month]?.figures[ReportFigure.allCases.firstIndex(of: figure)!]
    }

    /// The month index of the first month the tenant could earn anything: its first move-in or
    /// its first change to active, whichever is earlier (nil when neither happened).
    var firstMonth: Int? {
        let activeOn = statusChanges.first { $0.to == .active }?.on
        let first = [firstMoveIn, activeOn].compactMap { $0 }.min()
        return first.map { Month(year: $0.year, month: $0.month).index }
    }

    /// The days in `range` on which something `reads` depends on may change (always including
    /// the range's first day), ascending.
    func changeDays(in range: ClosedRange<CivilDate>, reads: FormulaReads, extra: [CivilDate]) -> [CivilDate] {
        if reads.contains(.everyDay) {
            return (range.lowerBound.dayNumber...range.upperBound.dayNumber).map(CivilDate.init(dayNumber:))
        }
        var days: Set<CivilDate> = [range.lowerBound]
        func add(_ day: CivilDate) { if range.contains(day) { days.insert(day) } }
        extra.forEach(add)
        if reads.contains(.status) { statusChanges.forEach { add($0.on) } }
        if reads.contains(.leases) {
            for lease in leases {
                add(lease.start)
                add(lease.lastDay.adding(days: 1))
                lease.rents.forEach { add($0.from) }
            }
        }
        if reads.contains(.leaseYear), let firstMoveIn {
            for k in 0...max(0, range.upperBound.year - firstMoveIn.year + 1) { add(firstMoveIn.addingYears(k)) }
        }
        if reads.contains(.calendarMonth) {
            var month = Month(year: range.lowerBound.year, month: range.lowerBound.month)
            while month.firstDay <= range.upperBound {
                add(month.firstDay)
                month = month.next
            }
        }
        return days.sorted()
    }
}

extension Month {
    /// year × 12 + month − 1: consecutive months have consecutive indexes.
    var index: Int { year * 12 + month - 1 }

    init(index: Int) {
        self.init(year: index / 12, month: index % 12 + 1)
    }

    var next: Month { Month(index: index + 1) }
}

/// A run that cannot be computed: inputs that do not hold together, or a formula that fails
/// at run time (division by zero, overflow), with the rule and tenant concerned.
public struct PolicyRunError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
