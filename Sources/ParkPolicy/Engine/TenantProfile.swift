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
    /// The tenant's reports by month.
    let reports: ReportSeries
    /// The month index of the first month the tenant could earn anything: its first move-in or
    /// its first change to active, whichever is earlier (nil when neither happened). Known once,
    /// as every rule computed for the tenant asks for it.
    let firstMonth: Int?
    /// Declared last, with the facts as given: the fields above, which runs read for every
    /// rule, then share fewer cache lines.
    let appliedOn: CivilDate
    /// The run's facts, this tenant's at `position`: every profile of a run holds the one list,
    /// not its own copy of a tenant's dozen strings and lists.
    private let park: [TenantFacts]
    private let position: Int
    var facts: TenantFacts { park[position] }

    convenience init(_ facts: TenantFacts) throws(PolicyRunError) {
        try self.init(park: [facts], position: 0)
    }

    /// The profile of `park[position]`, whose facts are read in place (a copy of them would
    /// retain each of their strings and lists, one cache miss each, for 100,000 tenants).
    init(park: [TenantFacts], position: Int) throws(PolicyRunError) {
        self.park = park
        self.position = position
        func date(_ text: String, _ field: String) throws(PolicyRunError) -> CivilDate {
            guard let day = Self.day(text) else { throw PolicyRunError("tenant \(park[position].id): \(field) '\(text)' is not a date") }
            return day
        }
        appliedOn = try date(park[position].appliedOn, "appliedOn")
        var changes: [(on: CivilDate, to: TenantStatus)] = []
        for change in park[position].statusChanges {
            guard let status = TenantStatus(rawValue: change.to) else {
                throw PolicyRunError("tenant \(park[position].id): unknown status '\(change.to)'")
            }
            changes.append((try date(change.on, "statusChanges.on"), status))
        }
        statusChanges = changes
        exitDate = changes.first { $0.to == .exited }?.on
        lineMask = Self.lineMask(park[position].businessLines)
        tags = Set(park[position].tags)
        hasHRLine = park[position].businessLines.contains { BusinessLine(rawValue: $0)?.isHRService == true }
        var leases: [ProfileLease] = []
        for lease in park[position].leases {
            var rents: [(from: CivilDate, fen: Int64)] = []
            for rent in lease.rents { rents.append((try date(rent.from, "rents.from"), rent.fenPerSquareMetre)) }
            leases.append(ProfileLease(
                id: lease.id, start: try date(lease.start, "leases.start"), lastDay: try date(lease.lastDay, "leases.lastDay"),
                units: lease.units, rents: rents))
        }
        self.leases = leases.count < 2 ? leases : leases.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        firstMoveIn = self.leases.first?.start
        reports = try ReportSeries(park[position].reports, tenant: park[position].id)
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

    var id: Int64 { park[position].id }

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
    /// The parameter at fault when the run was asked for something it cannot compute (a rule
    /// unknown, or not computed in runs of the period); nil when the calculation itself failed.
    public let field: String?

    public init(_ message: String, field: String? = nil) {
        self.message = message
        self.field = field
    }

    public var description: String { message }
}
