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

    let statusChanges: [(on: CivilDate, to: TenantStatus)]
    /// The start of the tenant's first lease.
    let firstMoveIn: CivilDate?
    /// The day it became exited.
    let exitDate: CivilDate?
    /// One bit per business line (`BusinessLine.allCases` order).
    let lineMask: UInt32
    let tags: Set<String>
    let hasHRLine: Bool
    /// Leases by start day (then id): the order in which an area cap is filled.
    let leases: [ProfileLease]
    /// The facts' reports, and by month from the first reported month on, the position of that
    /// month's report among them plus one (0: no report; the last given for a month counts).
    /// Preparing a tenant copies none of its figures: a park's reports are most of its inputs.
    private let reports: [ReportFact]
    private let reportAt: [Int32]
    private let firstReportedMonth: Int
    /// The first to the last month reported.
    let reportedMonths: ClosedRange<Int>?
    /// Whether every month from the first to the last reported has a report (the usual case):
    /// sums then need not look for months without one.
    private let reportedEveryMonth: Bool
    /// The month index of the first month the tenant could earn anything: its first move-in or
    /// its first change to active, whichever is earlier (nil when neither happened). Known once,
    /// as every rule computed for the tenant asks for it.
    let firstMonth: Int?
    /// Declared last, with the facts as given: the fields above, which runs read for every
    /// rule, then share fewer cache lines.
    let appliedOn: CivilDate
    let facts: TenantFacts

    init(_ facts: TenantFacts) throws(PolicyRunError) {
        self.facts = facts
        func date(_ text: String, _ field: String) throws(PolicyRunError) -> CivilDate {
            guard let day = Self.day(text) else { throw PolicyRunError("tenant \(facts.id): \(field) '\(text)' is not a date") }
            return day
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
        lineMask = Self.lineMask(facts.businessLines)
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
        // Each report's month (checking them all), then where each month's report is.
        var months: [Int] = []
        months.reserveCapacity(facts.reports.count)
        var first = Int.max, last = Int.min
        let figureCount = ReportFigure.allCases.count
        for report in facts.reports {
            guard let month = Self.monthIndex(report.month) else {
                throw PolicyRunError("tenant \(facts.id): report month '\(report.month)' is not a month")
            }
            guard report.values.count == figureCount else {
                throw PolicyRunError("tenant \(facts.id): report \(report.month) has \(report.values.count) figures, not \(figureCount)")
            }
            months.append(month)
            first = min(first, month)
            last = max(last, month)
        }
        let monthCount = months.isEmpty ? 0 : last - first + 1
        var reportAt = [Int32](repeating: 0, count: monthCount)
        for (position, month) in months.enumerated() { reportAt[month - first] = Int32(position + 1) }
        reports = facts.reports
        self.reportAt = reportAt
        firstReportedMonth = months.isEmpty ? 0 : first
        reportedMonths = months.isEmpty ? nil : first...last
        reportedEveryMonth = !reportAt.contains(0)
        let activeOn = changes.first { $0.to == .active }?.on
        let firstDay = switch (firstMoveIn, activeOn) {
        case let (moveIn?, active?): min(moveIn, active)
        case let (day?, nil), let (nil, day?): day
        case (nil, nil): CivilDate?.none
        }
        firstMonth = firstDay.map { Month(year: $0.year, month: $0.month).index }
    }

    /// The bits of these business lines (unknown names have none).
    static func lineMask(_ lines: [String]) -> UInt32 {
        lines.reduce(0) { mask, name in
            guard let index = BusinessLine.allCases.firstIndex(where: { $0.rawValue == name }) else { return mask }
            return mask | 1 << UInt32(index)
        }
    }

    /// `YYYY-MM-DD`, read quickly (inputs are written by parkd itself), without copying the text.
    static func day(_ text: String) -> CivilDate? {
        var text = text
        return text.withUTF8 { bytes -> CivilDate? in
            guard bytes.count == 10, bytes[4] == 45, bytes[7] == 45,
                  let year = number(bytes, 0..<4), let month = number(bytes, 5..<7), let day = number(bytes, 8..<10) else { return nil }
            return CivilDate(year: year, month: month, day: day)
        }
    }

    /// `YYYY-MM` as a month index.
    static func monthIndex(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            guard bytes.count == 7, bytes[4] == 45, let year = number(bytes, 0..<4), let month = number(bytes, 5..<7),
                  (1...12).contains(month), year >= 1 else { return nil }
            return year * 12 + month - 1
        }
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ digits: Range<Int>) -> Int? {
        var value = 0
        for index in digits {
            let byte = bytes[index]
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    var id: Int64 { facts.id }

    func status(on day: CivilDate) -> TenantStatus {
        statusChanges.last { $0.on <= day }?.to ?? .applicant
    }

    /// Lease year k of `day` counted from the first move-in (0 before it).
    func leaseYear(on day: CivilDate) -> Int {
        firstMoveIn?.leaseYear(on: day) ?? 0
    }

    /// Area of units of `kind` leased on `day`, in hundredths of a m².
    func leasedArea(of kind: String, on day: CivilDate) -> Int64 {
        leases.reduce(0) { $0 + ($1.holds(day) ? $1.area(of: kind) : 0) }
    }

    /// Days of `range` on which some lease holds a unit of `kind`.
    func daysLeased(of kind: String, in range: ClosedRange<CivilDate>) -> Int {
        let spans = leases.filter { $0.area(of: kind) > 0 }
            .map { (first: max($0.start, range.lowerBound).dayNumber, last: min($0.lastDay, range.upperBound).dayNumber) }
            .filter { $0.first <= $0.last }
            .sorted { $0.first < $1.first }
        var days = 0, covered = Int.min
        for span in spans where span.last > covered {
            days += span.last - max(span.first, covered + 1) + 1
            covered = span.last
        }
        return days
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
        let offset = month - firstReportedMonth
        guard offset >= 0, offset < reportAt.count, reportAt[offset] > 0 else { return nil }
        return reports[Int(reportAt[offset]) - 1].values[figure.index]
    }

    /// Σ of a figure over the months of `months` that have a report, and how many those are.
    /// A sum beyond Int64 fen is an overflow, never a crash.
    func sum(of figure: ReportFigure, in months: ClosedRange<Int>) throws(ArithmeticError) -> (total: Int64, reported: Int) {
        // `clamped` would turn a window that misses every reported month into the nearest one.
        guard let reportedMonths, months.overlaps(reportedMonths) else { return (0, 0) }
        let window = months.clamped(to: reportedMonths)
        let column = figure.index
        var total: Int64 = 0
        var reported = 0
        for month in window where reportedEveryMonth || reportAt[month - firstReportedMonth] > 0 {
            let (sum, overflow) = total.addingReportingOverflow(reports[Int(reportAt[month - firstReportedMonth]) - 1].values[column])
            guard !overflow else { throw .overflow }
            total = sum
            reported += 1
        }
        return (total, reported)
    }

    /// The version of a month's report (nil: none).
    func reportVersion(_ month: Int) -> Int? {
        let offset = month - firstReportedMonth
        guard offset >= 0, offset < reportAt.count, reportAt[offset] > 0 else { return nil }
        return max(1, reports[Int(reportAt[offset]) - 1].version)
    }

    /// The days in `range` on which something `reads` depends on may change (always including
    /// the range's first day), ascending.
    func changeDays(in range: ClosedRange<CivilDate>, reads: FormulaReads, extra: [CivilDate]) -> [CivilDate] {
        if reads.isDisjoint(with: .dayLevel), extra.isEmpty { return [range.lowerBound] }
        if reads.contains(.everyDay) {
            return (range.lowerBound.dayNumber...range.upperBound.dayNumber).map(CivilDate.init(dayNumber:))
        }
        var days: [CivilDate] = [range.lowerBound]
        func add(_ day: CivilDate) { if range.contains(day) { days.append(day) } }
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
            for k in 0...max(0, range.upperBound.year - firstMoveIn.year + 1) {
                if let anniversary = firstMoveIn.addingYears(k) { add(anniversary) }
            }
        }
        if reads.contains(.calendarMonth) {
            // By index up to the range's last month: no month past 9999-12 is made.
            for index in Month(year: range.lowerBound.year, month: range.lowerBound.month).index...Month(year: range.upperBound.year, month: range.upperBound.month).index {
                add(Month(index: index).firstDay)
            }
        }
        guard days.count > 1 else { return days }
        days.sort()
        var distinct: [CivilDate] = [days[0]]
        for day in days.dropFirst() where day != distinct[distinct.count - 1] { distinct.append(day) }
        return distinct
    }
}

extension Month {
    /// year × 12 + month − 1: consecutive months have consecutive indexes.
    var index: Int { year * 12 + month - 1 }

    init(index: Int) {
        self.init(year: index / 12, month: index % 12 + 1)
    }
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
