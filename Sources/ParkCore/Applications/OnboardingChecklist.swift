import MemberwiseInit

/// The onboarding checklist (入驻手续) an approved firm works through: the items come from the
/// configuration (a lease signed, the business registration moved into the park, licence copies
/// filed, …). The firm becomes `active` only once every item is ticked *and* its first lease has
/// started, whichever comes last: a first lease signed while the checklist is open does not
/// activate it, and the last tick does when the lease has started.
@MemberwiseInit
public struct OnboardingChecklist: Equatable, Sendable {
    /// One item of the checklist.
    @MemberwiseInit
    public struct Item: Equatable, Sendable {
        /// The item's name, as the configuration names it.
        public var name: String
        /// What it is.
        public var description: String
        /// The day it was ticked; nil while open.
        public var tickedOn: CivilDate? = nil
    }

    public var application: Int64
    public var items: [Item]

    /// The items parkd ships with (`reviews.onboarding` of the configuration replaces them).
    public static let parkItems = [
        Item(name: "leaseSigned", description: "lease signed (租赁合同签订)"),
        Item(name: "registrationMoved", description: "business registration moved into the park (工商注册迁入)"),
        Item(name: "licenceCopiesFiled", description: "licence copies filed (许可证复印件备案)"),
    ]

    /// Every item ticked.
    public var isComplete: Bool { items.allSatisfy { $0.tickedOn != nil } }

    /// What ticking one item does: the item ticked, and whether the tenant becomes active now.
    public struct Tick: Equatable, Sendable {
        /// The index of the item ticked.
        public var index: Int
        /// The tenant's move to active, when this tick completes the list and the first lease has started.
        public var activation: StatusChange?
    }

    /// Ticks `name` on `today`, refused while the firm is rejected (a decision superseded to a
    /// rejection stops its onboarding; the ticks made before stay) or not yet decided. An
    /// approved tenant becomes active when this is the last open item and its first lease
    /// (`firstLeaseStart`) has started by today.
    public func tick(_ name: String, tenant: Tenant, firstLeaseStart: CivilDate?, today: CivilDate) throws(DomainError) -> Tick {
        guard ![.applicant, .reviewing, .rejected].contains(tenant.status) else {
            throw .invalid("application", "the firm of application \(application) is \(tenant.status.rawValue): a checklist is ticked only once the firm is approved")
        }
        guard let index = items.firstIndex(where: { $0.name == name }) else {
            throw .invalid("item", "'\(name)' is not an item of application \(application)'s checklist; its items are \(items.map(\.name).joined(separator: ", "))")
        }
        if let day = items[index].tickedOn {
            throw .invalid("item", "'\(name)' was ticked on \(day) already")
        }
        var ticked = self
        ticked.items[index].tickedOn = today
        guard ticked.isComplete, tenant.status == .approved, let start = firstLeaseStart, start <= today else {
            return Tick(index: index, activation: nil)
        }
        let activation = try tenant.change(to: .active, on: today, reason: "onboarding checklist complete (\(name) ticked last), first lease started \(start)", today: today)
        return Tick(index: index, activation: activation)
    }
}
