import ParkControl
import ParkCore
import ParkStore

extension TenantAPI.Tenant {
    /// The wire form of a stored tenant, its time in the park counted to `today` (to its last
    /// day in the park once it has exited).
    init(_ stored: StoredTenant, today: CivilDate) {
        let tenant = stored.tenant
        let countedTo = tenant.timeInParkCounted(on: today)
        self.init(
            id: stored.id, name: tenant.name, creditCode: tenant.creditCode.value,
            businessLines: tenant.businessLines.map(\.rawValue), origin: tenant.origin.rawValue, tags: tenant.tags,
            contactPerson: tenant.contactPerson, contactPhone: tenant.contactPhone,
            dispatchLicence: tenant.dispatchLicence, hrServiceLicence: tenant.hrServiceLicence,
            status: tenant.status.rawValue, statusSince: tenant.statusSince.description,
            movedIn: tenant.movedIn?.description, monthsInPark: tenant.monthsInPark(on: today),
            leaseYear: tenant.leaseYear(on: countedTo),
            appliedOn: tenant.appliedOn.description, createdAt: stored.createdAt, updatedAt: stored.updatedAt,
            history: stored.history.map { record in
                TenantAPI.StatusChange(
                    from: record.change.from.rawValue, to: record.change.to.rawValue,
                    on: record.change.on.description, reason: record.change.reason,
                    recordedAt: record.recordedAt, recordedBy: record.recordedBy)
            })
    }
}
