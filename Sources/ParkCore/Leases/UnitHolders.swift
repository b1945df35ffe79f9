import MemberwiseInit

/// Who else holds a lease's units: the other leases of those units and the incubator projects on
/// its seats. A lease is signed, or renewed, only when none of them holds one of its units on
/// one of its days.
@MemberwiseInit
public struct UnitHolders: Sendable {
    /// Other leases holding at least one of the units (with their ids), in id order.
    public var leases: [Lease]
    /// Incubator projects, of which those on the lease's seats matter.
    public var projects: [IncubatorProject]

    /// Refuses `lease` when another lease holds one of its units, or a project one of its
    /// incubator seats, on one of its days; names the first in the way.
    public func ensureFree(for lease: Lease) throws {
        let unitIDs = Set(lease.units.map(\.unitID))
        for other in leases where other.id != lease.id && other.conflicts(with: lease) {
            let shared = other.units.first { unitIDs.contains($0.unitID) }!
            throw LeaseConflict(unit: shared.label, lease: other.id ?? 0, from: other.start, to: other.lastDay)
        }
        for seat in lease.units where seat.kind == .incubator {
            if let project = projects.first(where: { $0.occupies(seat: seat.unitID, from: lease.start, through: lease.lastDay) }) {
                throw DomainError.invalid(
                    "units", "incubator seat \(seat.label) is occupied by project \(project.id ?? 0) (\(project.name)) from \(project.enteredOn)")
            }
        }
    }
}
