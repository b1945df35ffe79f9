/// A leasable unit: a building, an optional floor and a number, with its area and list rent, in
/// the park from a day on: the park's area and seats on a day (occupancy) count the units in it
/// then, so that a unit added later changes no earlier year's figures.
public struct RentalUnit: Equatable, Sendable {
    public var id: Int64?
    public var building: String
    public var floor: String?
    public var number: String
    public var area: Area
    public var kind: UnitKind
    /// List rent per m² per month.
    public var listRent: Money
    /// The first day it is in the park (a lease or project holding it earlier brings it in then).
    public var availableFrom: CivilDate

    public init(
        building: String, floor: String?, number: String, area: Area, kind: UnitKind, listRent: Money, availableFrom: CivilDate
    ) throws(DomainError) {
        self.id = nil
        self.building = try FieldText.text(building, field: "building", maxLength: 50)
        self.floor = try FieldText.optionalText(floor, field: "floor", maxLength: 20)
        self.number = try FieldText.text(number, field: "number", maxLength: 20)
        self.area = area
        self.kind = kind
        try Lease.checkRent(listRent, field: "listRent")
        self.listRent = listRent
        self.availableFrom = availableFrom
    }

    /// Restores a unit as stored.
    public init(
        id: Int64, building: String, floor: String?, number: String, area: Area, kind: UnitKind, listRent: Money, availableFrom: CivilDate
    ) {
        self.id = id
        self.building = building
        self.floor = floor
        self.number = number
        self.area = area
        self.kind = kind
        self.listRent = listRent
        self.availableFrom = availableFrom
    }

    /// `A-1203`: building and number, how the park names a unit.
    public var label: String { Self.label(building: building, number: number) }

    public static func label(building: String, number: String) -> String { "\(building)-\(number)" }

    /// A label as the park reads it, whatever way it was typed: full-width forms (`Ａ-３０１`, as
    /// a Chinese input method gives them) as ASCII, the ideographic space as a space, ASCII
    /// letters in upper case (only those: `ß` is not `SS`, nor `ı` `I`). Two units whose labels
    /// read the same are one unit named twice.
    public static func labelKey(_ label: String) -> String {
        var folded = String.UnicodeScalarView()
        for scalar in label.unicodeScalars {
            var value = scalar.value
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
            if value == 0x3000 { value = 0x20 }
            if (0x61...0x7A).contains(value) { value -= 0x20 }
            folded.append(Unicode.Scalar(value) ?? scalar)
        }
        return String(folded)
    }
}
