import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Lease`.
enum LeaseHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase) {
        table.add(LeaseAPI.interface)

        table.register(LeaseAPI.create) { request, call in
            let terms = LeaseTerms(
                tenant: TenantReference(request.tenant), unitIDs: request.units,
                start: try CivilDate.parseRecorded(request.start, field: "start"), end: try CivilDate.parseRecorded(request.end, field: "end"),
                rent: try Money.parse(request.rent, field: "rent", atMost: Lease.rentLimit),
                deposit: try request.deposit.map { try Money.parse($0, field: "deposit") } ?? .zero,
                billingDay: request.billingDay ?? 1)
            let stored = try await database.createLease(terms, today: call.state.today(), context: call.change())
            return LeaseAPI.LeaseReply(lease: wire(stored, today: call.state.today()))
        }

        table.register(LeaseAPI.list) { request, call in
            let leases = try await database.leases(tenant: request.tenant.map(TenantReference.init), unitID: request.unit)
            return LeaseAPI.ListReply(leases: leases.map { wire($0, today: call.state.today()) })
        }

        table.register(LeaseAPI.get) { request, call in
            LeaseAPI.LeaseReply(lease: wire(try await database.lease(request.lease), today: call.state.today()))
        }

        table.register(LeaseAPI.amend) { request, call in
            let stored = try await database.amendLease(
                request.lease, rent: try Money.parse(request.rent, field: "rent", atMost: Lease.rentLimit),
                from: try CivilDate.parseRecorded(request.from, field: "from"), context: call.change())
            return LeaseAPI.LeaseReply(lease: wire(stored, today: call.state.today()))
        }

        table.register(LeaseAPI.renew) { request, call in
            let stored = try await database.renewLease(
                request.lease, until: try CivilDate.parseRecorded(request.end, field: "end"), today: call.state.today(), context: call.change())
            return LeaseAPI.LeaseReply(lease: wire(stored, today: call.state.today()))
        }

        table.register(LeaseAPI.terminate) { request, call in
            let stored = try await database.terminateLease(
                request.lease, on: try CivilDate.parseRecorded(request.on, field: "on"), reason: request.reason, context: call.change())
            return LeaseAPI.LeaseReply(lease: wire(stored, today: call.state.today()))
        }

        table.register(LeaseAPI.withdraw) { request, call in
            let stored = try await database.withdrawLease(request.lease, reason: request.reason, today: call.state.today(), context: call.change())
            return LeaseAPI.LeaseReply(lease: wire(stored, today: call.state.today()))
        }

        table.register(LeaseAPI.rent) { request, _ in
            let (year, month) = try CivilDate.parseMonth(request.month, field: "month")
            let due = try await database.lease(request.lease).lease.rentDue(year: year, month: month)
            return LeaseAPI.RentReply(
                month: request.month, amount: due.amount.description, daysLeased: due.daysLeased, daysInMonth: due.daysInMonth)
        }
    }

    /// A lease as the wire gives it, with the rent in force on `today`.
    static func wire(_ stored: StoredLease, today: CivilDate) -> LeaseAPI.Lease {
        let lease = stored.lease
        return LeaseAPI.Lease(
            id: stored.id, tenant: lease.tenantID, tenantName: stored.tenantName,
            units: lease.units.map { LeaseAPI.LeasedUnit(unit: $0.unitID, label: $0.label, area: $0.area.description, kind: $0.kind.rawValue) },
            area: lease.area.description, start: lease.start.description, end: lease.end.description,
            terminatedOn: lease.terminatedOn?.description,
            rents: lease.rents.map { LeaseAPI.RentPeriod(from: $0.from.description, rent: $0.rent.description) },
            rentToday: lease.rent(on: today).description, deposit: lease.deposit.description, billingDay: lease.billingDay,
            events: stored.events.map {
                LeaseAPI.Event(kind: $0.kind, on: $0.effectiveOn.description, detail: $0.detail, recordedAt: $0.recordedAt, recordedBy: $0.recordedBy)
            })
    }
}
