/// A startup project of the incubator (创业创新孵化中心), occupying incubator seats from its entry
/// until its graduation.
public struct IncubatorProject: Equatable, Sendable {
    public var id: Int64?
    public var name: String
    public var founder: String
    public var team: String?
    public var university: String?
    /// PhD-level talents linked to the project.
    public var phdCount: Int
    /// Incubator seats (units of kind incubator) it occupies.
    public var seatIDs: [Int64]
    public var enteredOn: CivilDate
    /// The day it left the incubator, graduated (its last day is the day before).
    public var graduatedOn: CivilDate?

    /// A project entering the incubator, on a day that may not lie after `today`; one a park
    /// enters from its past may have graduated already (`graduatedOn`, after its entry).
    public init(
        name: String, founder: String, team: String?, university: String?, phdCount: Int, seatIDs: [Int64], enteredOn: CivilDate,
        graduatedOn: CivilDate? = nil, today: CivilDate
    ) throws(DomainError) {
        guard enteredOn <= today else { throw .invalid("enteredOn", "\(enteredOn) is in the future (today is \(today))") }
        if let graduatedOn {
            guard graduatedOn > enteredOn else { throw .invalid("graduatedOn", "\(graduatedOn) is not after its entry, \(enteredOn)") }
            guard graduatedOn <= today else { throw .invalid("graduatedOn", "\(graduatedOn) is in the future (today is \(today))") }
        }
        self.id = nil
        self.name = try FieldText.text(name, field: "name", maxLength: 100)
        self.founder = try FieldText.text(founder, field: "founder", maxLength: 50)
        self.team = try FieldText.optionalText(team, field: "team", maxLength: 200)
        self.university = try FieldText.optionalText(university, field: "university", maxLength: 100)
        guard (0...1000).contains(phdCount) else { throw .invalid("phdCount", "\(phdCount) must be from 0 to 1000") }
        self.phdCount = phdCount
        guard !seatIDs.isEmpty else { throw .invalid("seats", "a project occupies at least one seat") }
        guard Set(seatIDs).count == seatIDs.count else { throw .invalid("seats", "a seat is named twice") }
        self.seatIDs = seatIDs
        self.enteredOn = enteredOn
        self.graduatedOn = graduatedOn
    }

    /// Restores a project as stored.
    public init(
        id: Int64, name: String, founder: String, team: String?, university: String?, phdCount: Int, seatIDs: [Int64],
        enteredOn: CivilDate, graduatedOn: CivilDate?
    ) {
        self.id = id
        self.name = name
        self.founder = founder
        self.team = team
        self.university = university
        self.phdCount = phdCount
        self.seatIDs = seatIDs
        self.enteredOn = enteredOn
        self.graduatedOn = graduatedOn
    }

    /// In the incubator on `day`: entered, and not yet graduated.
    public func isIncubating(on day: CivilDate) -> Bool {
        enteredOn <= day && (graduatedOn.map { day < $0 } ?? true)
    }

    /// True when the project holds `seat` on a day from `first` through `last`.
    public func occupies(seat: Int64, from first: CivilDate, through last: CivilDate) -> Bool {
        seatIDs.contains(seat) && enteredOn <= last && first < (graduatedOn ?? .distantFuture)
    }

    /// Whether the project may take its seats: each an incubator unit (`seats`, the units by
    /// id), none occupied by another of `projects` on a day of its, none held by a lease on a day
    /// of its (`leases`, a seat's first lease holding it from the project's first day on).
    public func checkAdmission(seats: [Int64: RentalUnit], projects: [IncubatorProject], leases: [Int64: UnitHolding]) throws(DomainError) {
        for seat in seatIDs {
            guard let unit = seats[seat] else { continue }
            guard unit.kind == .incubator else {
                throw .invalid("seats", "unit \(unit.label) is \(unit.kind.rawValue) space, not an incubator seat")
            }
        }
        if let other = projects.first(where: { $0.conflicts(with: self) }) {
            let seat = other.seatIDs.first(where: seatIDs.contains).flatMap { seats[$0]?.label } ?? "?"
            throw .invalid("seats", "seat \(seat) is occupied by project \(other.id.map(String.init) ?? "?") (\(other.name)) from \(other.enteredOn)")
        }
        for seat in seatIDs {
            if let lease = leases[seat], graduatedOn.map({ lease.from < $0 }) ?? true {
                throw .invalid("seats", "seat \(seats[seat]?.label ?? "?") is held by \(lease)")
            }
        }
    }

    /// True when both projects hold a common seat on a common day.
    public func conflicts(with other: IncubatorProject) -> Bool {
        let lastDay = graduatedOn ?? .distantFuture
        let otherLast = other.graduatedOn ?? .distantFuture
        return enteredOn < otherLast && other.enteredOn < lastDay && !Set(seatIDs).isDisjoint(with: other.seatIDs)
    }

    public mutating func graduate(on day: CivilDate, today: CivilDate) throws(DomainError) {
        guard graduatedOn == nil else { throw .invalid("on", "the project graduated on \(graduatedOn!)") }
        guard day > enteredOn else { throw .invalid("on", "\(day) is not after its entry, \(enteredOn)") }
        guard day <= today else { throw .invalid("on", "\(day) is in the future (today is \(today))") }
        graduatedOn = day
    }
}
