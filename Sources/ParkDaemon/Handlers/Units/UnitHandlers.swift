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
                listRent: Money.parse(request.listRent, field: "listRent", atMost: Lease.rentLimit),
                availableFrom: try request.availableFrom.map { try CivilDate.parseRecorded($0, field: "availableFrom") } ?? call.state.today())
            return UnitAPI.UnitReply(unit: wire(try await database.createUnit(unit, context: call.change())))
        }

        table.register(UnitAPI.list) { request, _ in
            let kind = try request.kind.map { try UnitKind.parse($0) }
            return UnitAPI.ListReply(units: try await database.units(building: request.building, kind: kind).map(wire))
        }

        table.register(UnitAPI.get) { request, call in
            let reference = try UnitReference(id: request.unit, label: request.label)
            return UnitAPI.UnitReply(unit: wire(try await database.unit(reference, on: call.state.today())))
        }

        table.register(UnitAPI.update) { request, call in
            let edit = UnitEdit(
                floor: request.floor, area: try request.area.map { try Area.parse($0, field: "area") },
                kind: try request.kind.map { try UnitKind.parse($0) },
                listRent: try request.listRent.map { try Money.parse($0, field: "listRent", atMost: Lease.rentLimit) },
                availableFrom: try request.availableFrom.map { try CivilDate.parseRecorded($0, field: "availableFrom") })
            return UnitAPI.UnitReply(unit: wire(try await database.updateUnit(request.unit, edit: edit, context: call.change())))
        }
    }

    static func wire(_ stored: StoredUnit) -> UnitAPI.Unit {
        let unit = stored.unit
        return UnitAPI.Unit(
            id: stored.id, building: unit.building, floor: unit.floor, number: unit.number, area: unit.area.description,
            kind: unit.kind.rawValue, listRent: unit.listRent.description, availableFrom: unit.availableFrom.description,
            createdAt: stored.createdAt, updatedAt: stored.updatedAt)
    }

    /// The unit with who holds it today and who held it last (Get's reply only).
    static func wire(_ standing: UnitStanding) -> UnitAPI.Unit {
        var unit = wire(standing.stored)
        unit.heldBy = standing.holders.map(wire)
        unit.lastHolder = standing.lastHolder.map(wire)
        return unit
    }

    static func wire(_ holding: UnitHolding) -> UnitAPI.Holder {
        let (kind, id, tenant, name): (String, Int64, Int64?, String) = switch holding.holder {
        case .lease(let id, let tenantID, let tenantName): ("lease", id, tenantID, tenantName)
        case .project(let id, let name): ("project", id, nil, name)
        }
        return UnitAPI.Holder(kind: kind, id: id, tenant: tenant, name: name, from: holding.from.description, to: holding.through?.description)
    }
}
