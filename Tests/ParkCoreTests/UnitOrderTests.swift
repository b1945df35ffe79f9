@testable import ParkCore
import Testing

@Suite("The order units are listed in")
struct UnitOrderTests {
    @Test("numbers read as people read them: digit runs by value", arguments: [
        ("260", "1008"), ("2", "10"), ("1-2", "1-10"), ("A2", "A10"), ("1", "01"), ("101", "101A"), ("9", "A"), ("B1", "b1"),
    ])
    func natural(_ first: String, _ second: String) {
        #expect(UnitOrder.isBefore(first, second))
        #expect(!UnitOrder.isBefore(second, first))
        #expect(!UnitOrder.isBefore(first, first))
    }

    @Test("by building, then number")
    func buildingThenNumber() throws {
        func unit(_ building: String, _ number: String) throws -> RentalUnit {
            try RentalUnit(building: building, floor: nil, number: number, area: Area(centiSquareMetres: 100), kind: .office, listRent: Money(fen: 0),
                           availableFrom: CivilDate(year: 2021, month: 1, day: 1)!)
        }
        let units = try [unit("A", "1008"), unit("B", "2"), unit("A", "260"), unit("A", "16104"), unit("A2", "1"), unit("A10", "1")]
        let listed = units.sorted { UnitOrder.isListed($0, before: $1) }.map { "\($0.building)-\($0.number)" }
        #expect(listed == ["A-260", "A-1008", "A-16104", "A2-1", "A10-1", "B-2"])
    }
}

@Suite("Unit labels as typed")
struct UnitLabelTests {
    @Test("a label reads the same in full width, with an ideographic space, or in lower case")
    func labelKey() {
        #expect(RentalUnit.labelKey("Ａ-３０１") == "A-301")
        #expect(RentalUnit.labelKey("a-1203") == "A-1203")
        #expect(RentalUnit.labelKey("孵化\u{3000}B-1") == "孵化 B-1")
        #expect(RentalUnit.labelKey("A-301") != RentalUnit.labelKey("A-310"))
        // Only ASCII letters change case: ß is not SS, ﬀ not FF, ı not I.
        #expect(RentalUnit.labelKey("Q-ß1") != RentalUnit.labelKey("Q-SS1"))
        #expect(RentalUnit.labelKey("ﬀ") != RentalUnit.labelKey("FF") && RentalUnit.labelKey("ı") != RentalUnit.labelKey("I"))
    }
}
