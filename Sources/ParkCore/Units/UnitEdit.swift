import MemberwiseInit

/// Changes to a unit: nil leaves a field alone.
@MemberwiseInit
public struct UnitEdit: Sendable {
    public var floor: String? = nil
    public var area: Area? = nil
    public var kind: UnitKind? = nil
    public var listRent: Money? = nil
    public var availableFrom: CivilDate? = nil
}

extension RentalUnit {
    /// The unit with `edit` applied. Rewards of past periods read a leased unit's kind, and a
    /// lease keeps the area its units had when signed, which the park's occupancy sets against
    /// the units' areas: both change only for a unit nobody holds or has held (`holder`, the
    /// earliest that does). A unit is in the park from the first day anything held it, at the
    /// latest.
    public func applying(_ edit: UnitEdit, holder: UnitHolding?) throws(DomainError) -> RentalUnit {
        var unit = self
        if let floor = edit.floor { unit.floor = try FieldText.optionalText(floor, field: "floor", maxLength: 20) }
        if let area = edit.area, area != unit.area {
            if let holder {
                throw .invalid("area", "unit \(label) is held by \(holder); the area of a unit a lease or project holds or has held cannot change")
            }
            unit.area = area
        }
        if let kind = edit.kind, kind != unit.kind {
            if let holder {
                throw .invalid("kind", "unit \(label) is held by \(holder); the kind of a unit a lease or project holds or has held cannot change")
            }
            unit.kind = kind
        }
        if let rent = edit.listRent {
            try Lease.checkRent(rent, field: "listRent")
            unit.listRent = rent
        }
        if let availableFrom = edit.availableFrom {
            if let holder, holder.from < availableFrom {
                throw .invalid("availableFrom", "unit \(label) is held by \(holder); it is in the park from \(holder.from) at the latest")
            }
            unit.availableFrom = availableFrom
        }
        return unit
    }

    /// Whether `edit` changes what a holding fixes (the area or the kind) or bounds (a later
    /// first day in the park), so that who holds or held the unit must be known to apply it.
    public func needsHolder(for edit: UnitEdit) -> Bool {
        edit.area.map { $0 != area } ?? false || edit.kind.map { $0 != kind } ?? false || edit.availableFrom.map { $0 > availableFrom } ?? false
    }
}
