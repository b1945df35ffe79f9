import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Tenant`: wire requests to domain checks and store transactions.
enum TenantHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase) {
        table.add(TenantAPI.interface)

        table.register(TenantAPI.create) { request, call in
            let today = call.state.today()
            let appliedOn = try request.appliedOn.map { try CivilDate.parseRecorded($0, field: "appliedOn") } ?? today
            let tenant = try Tenant(
                name: request.name, creditCode: request.creditCode, businessLines: request.businessLines ?? [],
                origin: request.origin ?? Origin.local.rawValue, tags: request.tags ?? [],
                contactPerson: request.contactPerson, contactPhone: request.contactPhone,
                dispatchLicence: request.dispatchLicence, hrServiceLicence: request.hrServiceLicence,
                appliedOn: appliedOn, today: today)
            let stored = try await database.createTenant(tenant, context: call.change())
            return TenantAPI.TenantReply(tenant: TenantAPI.Tenant(stored, today: today))
        }

        table.register(TenantAPI.list) { request, call in
            let today = call.state.today()
            let limit = try DomainError.pageSize(request.limit, standard: 100)
            let afterID = try DomainError.cursor(request.after)
            let query = TenantQuery(
                status: try request.status.map { try TenantStatus.parse($0) },
                businessLine: try request.businessLine.map { try BusinessLine.parse($0, field: "businessLine") },
                limit: limit, afterID: afterID)
            let page = try await database.tenants(query)
            return TenantAPI.ListReply(tenants: page.tenants.map { TenantAPI.Tenant($0, today: today) }, next: page.next.map(String.init))
        }

        table.register(TenantAPI.get) { request, call in
            TenantAPI.TenantReply(tenant: TenantAPI.Tenant(try await database.tenant(TenantReference(request.tenant)), today: call.state.today()))
        }

        table.register(TenantAPI.update) { request, call in
            guard !request.isEmpty else {
                throw DomainError.invalid("tenant", "nothing to change: give at least one field")
            }
            var edit = TenantEdit()
            edit.name = request.name
            edit.creditCode = request.creditCode
            edit.businessLines = request.businessLines
            edit.origin = request.origin
            edit.addTags = request.addTags ?? []
            edit.removeTags = request.removeTags ?? []
            edit.contactPerson = request.contactPerson
            edit.contactPhone = request.contactPhone
            edit.dispatchLicence = request.dispatchLicence
            edit.hrServiceLicence = request.hrServiceLicence
            let stored = try await database.updateTenant(TenantReference(request.tenant), edit: edit, context: call.change())
            return TenantAPI.TenantReply(tenant: TenantAPI.Tenant(stored, today: call.state.today()))
        }

        table.register(TenantAPI.transition) { request, call in
            let status = try TenantStatus.parse(request.to, field: "to")
            let today = call.state.today()
            let day = try request.on.map { try CivilDate.parseRecorded($0, field: "on") } ?? today
            let stored = try await database.transitionTenant(
                TenantReference(request.tenant), to: status, on: day, reason: request.reason, today: today,
                context: call.change())
            return TenantAPI.TenantReply(tenant: TenantAPI.Tenant(stored, today: call.state.today()))
        }
    }
}
