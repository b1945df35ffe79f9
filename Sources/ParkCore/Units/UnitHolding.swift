import MemberwiseInit

/// A unit held for a span of days: by a tenant's lease, or by an incubator project on a seat.
@MemberwiseInit
public struct UnitHolding: Equatable, Sendable, CustomStringConvertible {
    public enum Holder: Equatable, Sendable {
        case lease(id: Int64, tenantID: Int64, tenantName: String)
        case project(id: Int64, name: String)
    }

    public var holder: Holder
    /// The first day held.
    public var from: CivilDate
    /// The last day held; nil while a project incubates (it has no end yet).
    public var through: CivilDate?

    /// The lease's holding of its units, to its last day.
    public init(_ lease: Lease, id: Int64, tenantName: String) {
        self.init(holder: .lease(id: id, tenantID: lease.tenantID, tenantName: tenantName), from: lease.start, through: lease.lastDay)
    }

    /// The project's holding of its seats, to the day before its graduation.
    public init(_ project: IncubatorProject, id: Int64) {
        self.init(holder: .project(id: id, name: project.name), from: project.enteredOn, through: project.graduatedOn?.adding(days: -1))
    }

    public var isLease: Bool {
        if case .lease = holder { true } else { false }
    }

    /// True when the unit is held on a day from `first` through `last`.
    public func overlaps(from first: CivilDate, through last: CivilDate) -> Bool {
        from <= last && first <= (through ?? .distantFuture)
    }

    /// Held on `day`.
    public func holds(on day: CivilDate) -> Bool { overlaps(from: day, through: day) }

    /// Who holds a unit on `today`, and who held it last before them.
    public static func standing(of holdings: [UnitHolding], on today: CivilDate) -> (current: [UnitHolding], last: UnitHolding?) {
        let current = holdings.filter { $0.holds(on: today) }
        let ended = holdings.compactMap { holding in holding.through.flatMap { $0 < today ? (end: $0, holding: holding) : nil } }
        let last = ended.max { ($0.end, $0.holding.from) < ($1.end, $1.holding.from) }?.holding
        return (current, last)
    }

    /// In words, as refusals name it: "lease 3 of tenant 2 from 2021-03-15 to 2022-03-14",
    /// "project 1 (智聘云) from 2021-03-01".
    public var description: String {
        switch holder {
        case .lease(let id, let tenantID, _): "lease \(id) of tenant \(tenantID) from \(from) to \(through ?? .distantFuture)"
        case .project(let id, let name): "project \(id) (\(name)) from \(from)"
        }
    }
}
