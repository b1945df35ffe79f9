import MemberwiseInit

/// The places of one occurrence of an event and who holds or waits for them: decides a new
/// registration and who a freed place goes to, with no I/O. The store loads it, asks, and
/// writes what it answers in the same transaction, so concurrent registrations never oversell.
@MemberwiseInit
public struct EventPlaces: Equatable, Sendable {
    public var event: Int64
    public var capacity: Int
    public var perFirmLimit: Int?
    /// Registered and waiting registrations, in the order they joined.
    public var active: [EventRegistration]
    /// Waiting registrations of firms that no longer take part (gone, or refused entry, after
    /// the occurrence began: what they held from then on was withdrawn): no place goes to them.
    public var notPromoted: Set<Int64> = []

    /// Places held by registrations.
    public var taken: Int { active.filter { $0.status == .registered }.reduce(0) { $0 + $1.places } }
    public var free: Int { max(capacity - taken, 0) }
    public var waiting: [EventRegistration] { active.filter { $0.status == .waiting } }

    /// Whether a tenant's request for `places` gets them now or joins the waiting list.
    ///
    /// Refused: fewer than one place, more than the capacity (it could never be met), or more
    /// than the per-firm limit counting what the tenant already holds or waits for. A request
    /// that fits in the free places is registered: every registration still waiting asks for
    /// more than is free (a freed place always goes to the first waiting one that fits), so
    /// none is passed over that could have had it.
    public func decide(tenant: Int64, places: Int) throws -> RegistrationStatus {
        guard places >= 1 else { throw DomainError.invalid("places", "\(places) is not a number of places; ask for 1 or more") }
        guard places <= capacity else {
            throw DomainError.invalid("places", "\(places == 1 ? "1 place is" : "\(places) places are") more than event \(event) has (\(capacity))")
        }
        if let limit = perFirmLimit {
            let held = active.filter { $0.tenantID == tenant }.reduce(0) { $0 + $1.places }
            guard held + places <= limit else {
                throw EventRefused.firmLimit(event: event, tenant: tenant, limit: limit, held: held, asked: places)
            }
        }
        return places <= free ? .registered : .waiting
    }

    /// A waiting registration moved to a place, and those ahead of it that were passed over
    /// because they ask for more than was free.
    public struct Promotion: Equatable, Sendable {
        public var registration: Int64
        public var places: Int
        /// Free places before it took its own.
        public var free: Int
        public var passedOver: [(registration: Int64, places: Int)]

        public static func == (lhs: Promotion, rhs: Promotion) -> Bool {
            lhs.registration == rhs.registration && lhs.places == rhs.places && lhs.free == rhs.free
                && lhs.passedOver.map(\.registration) == rhs.passedOver.map(\.registration)
                && lhs.passedOver.map(\.places) == rhs.passedOver.map(\.places)
        }

        /// What the registration's record says: `promoted to a place after registration 3 was
        /// cancelled; passed over registration 5 (2 places, 1 free)`.
        public func record(cause: String) -> String {
            var text = "promoted to \(places == 1 ? "a place" : "\(places) places") \(cause)"
            if !passedOver.isEmpty {
                text += "; passed over " + passedOver.map { "registration \($0.registration) (\($0.places) places, \(free) free)" }
                    .joined(separator: ", ")
            }
            return text
        }
    }

    /// Who the free places go to: the waiting registrations in the order they joined, each
    /// that fits in what is still free, the others passed over (they keep their turn).
    public func promotions() -> [Promotion] {
        var free = self.free
        var promotions: [Promotion] = []
        var passed: [(registration: Int64, places: Int)] = []
        for registration in waiting {
            guard let id = registration.id, !notPromoted.contains(id) else { continue }
            if registration.places <= free {
                promotions.append(Promotion(registration: id, places: registration.places, free: free, passedOver: passed))
                free -= registration.places
            } else {
                passed.append((id, registration.places))
            }
        }
        return promotions
    }

    /// The places after `registration` is withdrawn, and who moves up.
    public func withdrawing(_ registration: Int64) -> (places: EventPlaces, promotions: [Promotion]) {
        var places = self
        places.active.removeAll { $0.id == registration }
        let promotions = places.promotions()
        for promotion in promotions {
            if let index = places.active.firstIndex(where: { $0.id == promotion.registration }) { places.active[index].status = .registered }
        }
        return (places, promotions)
    }

    /// The waiting list's positions, 1 first, by registration id.
    public var waitingPositions: [Int64: Int] {
        Dictionary(uniqueKeysWithValues: waiting.compactMap(\.id).enumerated().map { ($1, $0 + 1) })
    }
}
