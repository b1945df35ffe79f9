import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Unit`.
enum UnitHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase) {
        table.add(UnitAPI.interface)

        table.register(UnitAPI.create) { request, call in
            let unit = try RentalUnit(
                building: request.building, floor: request.floor, number: request.number,
                area: Area.parse(request.area, field: "area"), kind: UnitKind.parse(request.kind),
                listRent: Money.parse(request.listRent, field: "listRent", atMost: Lease.rentLimit))
            return UnitAPI.UnitReply(unit: wire(try await database.createUnit(unit, context: call.change())))
        }

        table.register(UnitAPI.list) { request, _ in
            let kind = try request.kind.map { try UnitKind.parse($0) }
            return UnitAPI.ListReply(units: try await database.units(building: request.building, kind: kind).map(wire))
        }

        table.register(UnitAPI.get) { request, _ in
            UnitAPI.UnitReply(unit: wire(try await database.unit(request.unit)))
        }

        table.register(UnitAPI.update) { request, call in
            let edit = UnitEdit(
                floor: request.floor, area: try request.area.map { try Area.parse($0, field: "area") },
                kind: try request.kind.map { try UnitKind.parse($0) },
                listRent: try request.listRent.map { try Money.parse($0, field: "listRent", atMost: Lease.rentLimit) })
            return UnitAPI.UnitReply(unit: wire(try await database.updateUnit(request.unit, edit: edit, context: call.change())))
        }
    }

    static func wire(_ stored: StoredUnit) -> UnitAPI.Unit {
        let unit = stored.unit
        return UnitAPI.Unit(
            id: stored.id, building: unit.building, floor: unit.floor, number: unit.number, area: unit.area.description,
            kind: unit.kind.rawValue, listRent: unit.listRent.description, createdAt: stored.createdAt, updatedAt: stored.updatedAt)
    }
}
