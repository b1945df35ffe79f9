import MemberwiseInit

/// A tenant's lease of one or more units from its first to its last day (inclusive).
@MemberwiseInit
public struct Lease: Equatable, Sendable {
    public var id: Int64?
    public var tenantID: Int64
    public var units: [LeasedUnit]
    public var start: CivilDate
    /// The contracted last day (moved by renewals).
    public var end: CivilDate
    /// The last day when the lease was terminated early.
    public var terminatedOn: CivilDate?
    /// Rent per m² per month, oldest first; the first applies from `start`.
    public var rents: [RentChange]
    public var deposit: Money
    /// Day of the month rent is billed (1–28).
    public var billingDay: Int

    /// A rent (contracted, or a unit's list rent) above this is refused as absurd: 100,000 yuan
    /// per m² per month.
    public static let rentLimit = AmountLimit(most: Money(fen: 10_000_000), unit: "yuan per m² per month")

    /// Refuses a rent per m² per month above `rentLimit`, naming `field`.
    public static func checkRent(_ rent: Money, field: String) throws(DomainError) {
        guard rent <= rentLimit.most else { throw rentLimit.refusal(rent.description, field: field) }
    }

    /// A new lease; every field is checked.
    public init(
        tenantID: Int64, units: [LeasedUnit], start: CivilDate, end: CivilDate, rent: Money, deposit: Money,
        billingDay: Int
    ) throws(DomainError) {
        guard !units.isEmpty else { throw .invalid("units", "a lease holds at least one unit") }
        guard Set(units.map(\.unitID)).count == units.count else { throw .invalid("units", "a unit is named twice") }
        guard start <= end else { throw .invalid("end", "\(end) is before the start, \(start)") }
        try Self.checkTerm(from: start, to: end, what: "a lease")
        try Self.checkRent(rent, field: "rent")
        guard (1...28).contains(billingDay) else {
            throw .invalid("billingDay", "\(billingDay) is not a billing day; use 1 to 28 so every month has it")
        }
        self.init(
            id: nil, tenantID: tenantID, units: units, start: start, end: end, terminatedOn: nil,
            rents: [RentChange(from: start, rent: rent)], deposit: deposit, billingDay: billingDay)
    }

    /// The last day the lease holds its units.
    public var lastDay: CivilDate { terminatedOn ?? end }

    public func holds(on day: CivilDate) -> Bool { start <= day && day <= lastDay }

    /// True when both leases hold a common unit on a common day.
    public func conflicts(with other: Lease) -> Bool {
        start <= other.lastDay && other.start <= lastDay
            && !Set(units.map(\.unitID)).isDisjoint(with: other.units.map(\.unitID))
    }

    /// The rent per m² per month in force on `day`.
    public func rent(on day: CivilDate) -> Money {
        rents.last { $0.from <= day }?.rent ?? rents[0].rent
    }

    public var area: Area { units.reduce(.zero) { $0 + $1.area } }

    /// Area of units of `kind` leased on `day` (zero when the lease does not hold that day).
    public func area(of kind: UnitKind, on day: CivilDate) -> Area {
        guard holds(on: day) else { return .zero }
        return units.filter { $0.kind == kind }.reduce(.zero) { $0 + $1.area }
    }

    /// Rent due for a calendar month, prorated by day:
    /// Σ over the days leased of (rent per m² that day × area) ÷ days in the month,
    /// computed exactly (in 128 bits, so no rent and area can overflow it) and rounded half-up to
    /// the fen once, at the end; an amount beyond what fen can count is an error.
    public func rentDue(year: Int, month: Int) throws(DomainError) -> RentDue {
        let days = CivilDate.daysIn(month: month, year: year)
        var numerator: Int128 = 0  // fen × centi-m², summed over days
        var daysLeased = 0
        for day in 1...days {
            guard let date = CivilDate(year: year, month: month, day: day), holds(on: date) else { continue }
            daysLeased += 1
            numerator += Int128(rent(on: date).fen) * Int128(area.centiSquareMetres)
        }
        guard let fen = Int64(exactly: numerator.dividedRoundingHalfUp(by: 100 * Int128(days))) else {
            throw .invalid("lease", "the rent due for \(Month(year: year, month: month)) is more than parkd can count in fen")
        }
        return RentDue(amount: Money(fen: fen), daysLeased: daysLeased, daysInMonth: days)
    }

    /// Sets a new rent from `day` on; earlier rents stay in the history. On the day of the
    /// latest change (the start, for the rent the lease was signed at) it corrects that rent
    /// instead, a mistyped one never applying on any day: whether it corrected.
    @discardableResult
    public mutating func amend(rent: Money, from day: CivilDate) throws(DomainError) -> Bool {
        try Self.checkRent(rent, field: "rent")
        guard holds(on: day) else {
            throw .invalid("from", "\(day) is outside the lease (\(start) to \(lastDay))")
        }
        guard let latest = rents.last, day >= latest.from else {
            throw .invalid("from", "\(day) is before the latest rent change (\(rents.last?.from.description ?? "-")); a change is made from it on, or corrects it on its own day")
        }
        guard rent != latest.rent else {
            throw .invalid("rent", "the rent is \(rent) since \(latest.from) already; an amendment changes it")
        }
        guard day > latest.from else {
            rents[rents.count - 1] = RentChange(from: day, rent: rent)
            return true
        }
        rents.append(RentChange(from: day, rent: rent))
        return false
    }

    /// Extends the lease to a later last day, for `tenant`, its holder, as it signs one: approved,
    /// in the park or leaving, or, for a firm that has left, within its stay (a park entering
    /// its past); renewed on `today`, it runs 20 years at most from then (Civil Code art. 705:
    /// 续订的租赁期限自续订之日起不得超过二十年), so renewing again and again does not stretch it.
    public mutating func renew(until newEnd: CivilDate, tenant: Tenant, today: CivilDate) throws(DomainError) {
        guard [.approved, .active, .exiting, .exited].contains(tenant.status) else {
            throw .invalid("tenant", "tenant \(tenant.id ?? 0) is \(tenant.status.rawValue) since \(tenant.statusSince); a lease is renewed for a firm once approved")
        }
        if tenant.status == .exited, let exitedOn = tenant.history.last(where: { $0.to == .exited })?.on, newEnd >= exitedOn {
            throw .invalid("end", "tenant \(tenant.id ?? 0) exited on \(exitedOn); a lease renewed for it ends by its last day in the park, \(exitedOn.adding(days: -1))")
        }
        guard terminatedOn == nil else { throw .invalid("end", "a terminated lease cannot be renewed") }
        guard newEnd > end else { throw .invalid("end", "\(newEnd) is not after the current end, \(end)") }
        try Self.checkTerm(from: today, to: newEnd, what: "a renewal")
        end = newEnd
    }

    /// The longest term a lease, or a renewal, may run: 20 years (Civil Code art. 705, 租赁期限不得
    /// 超过二十年); past it the excess is void, so parkd does not record it (9999-12-31 typed for
    /// an open end would also hold the unit for good: a renewal cannot shorten it).
    static func checkTerm(from first: CivilDate, to last: CivilDate, what: String) throws(DomainError) {
        guard let longest = first.addingYears(20)?.adding(days: -1), last > longest else { return }
        throw .invalid("end", "\(last) makes \(what) from \(first) longer than 20 years, the longest a lease runs (Civil Code art. 705); end it on \(longest) at the latest")
    }

    /// Ends the lease early: `day` is its new last day. Returns the rent changes it drops, those
    /// that would have begun after that day and so never apply.
    @discardableResult
    public mutating func terminate(on day: CivilDate) throws(DomainError) -> [RentChange] {
        guard terminatedOn == nil else { throw .invalid("on", "the lease was already terminated on \(lastDay)") }
        guard start <= day, day < end else {
            throw .invalid("on", "\(day) must be from the start (\(start)) to the day before the end (\(end))")
        }
        return endEarly(on: day)
    }

    /// Refuses to withdraw the lease unless it has not started by `today` (a lease signed ahead,
    /// called off before its first day): one that has started ends with `terminate`, its days kept.
    public func checkWithdrawable(today: CivilDate) throws(DomainError) {
        guard start > today else {
            throw .invalid("lease", "lease \(id.map(String.init) ?? "?") started on \(start); a lease that has started is ended with lease terminate, never withdrawn")
        }
    }

    /// Moves the last day of a lease already terminated earlier still, to `day` (a tenant's exit
    /// before it), dropping the rent changes that would begin after it.
    @discardableResult
    mutating func endEarly(on day: CivilDate) -> [RentChange] {
        terminatedOn = day
        let dropped = rents.filter { $0.from > day }
        rents.removeAll { $0.from > day }
        return dropped
    }
}
