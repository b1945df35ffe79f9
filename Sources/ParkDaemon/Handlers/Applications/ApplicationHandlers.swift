import Logging
import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Application`.
enum ApplicationHandlers {
    static func register(in table: inout MethodTable, intake: ApplicationIntake) {
        table.add(ApplicationAPI.interface)
        let database = intake.database

        table.register(ApplicationAPI.create) { request, call in
            let today = call.state.today()
            let form = try ApplicationForm(
                name: request.name, creditCode: request.creditCode, businessLines: request.businessLines,
                origin: request.origin ?? Origin.local.rawValue, tags: request.tags ?? [], contactPerson: request.contactPerson,
                contactPhone: request.contactPhone, dispatchLicence: request.dispatchLicence, hrServiceLicence: request.hrServiceLicence,
                registeredCapital: try Money.parse(request.registeredCapital, field: "registeredCapital"), headcount: request.headcount,
                plannedOfficeArea: try Area.parse(request.plannedOfficeArea, field: "plannedOfficeArea"),
                expectedAnnualRevenue: try Money.parse(request.expectedAnnualRevenue, field: "expectedAnnualRevenue"),
                expectedAnnualTax: try Money.parse(request.expectedAnnualTax, field: "expectedAnnualTax"),
                legalRepresentative: request.legalRepresentative,
                shareholders: try (request.shareholders ?? []).map { try Shareholder.parse($0) }, groupParent: request.groupParent,
                statements: request.statements ?? [],
                appliedOn: try request.appliedOn.map { try CivilDate.parseRecorded($0, field: "appliedOn") } ?? today, today: today)
            return ApplicationAPI.ApplicationReply(application: wire(
                try await intake.receive(form, by: String(call.caller.uid), context: call.change())))
        }

        table.register(ApplicationAPI.list) { request, _ in
            let status = try request.status.map { try ApplicationStatus.parse($0) }
            return ApplicationAPI.ListReply(applications: try await database.applications(status: status).map(wire))
        }

        table.register(ApplicationAPI.get) { request, _ in
            ApplicationAPI.ApplicationReply(application: wire(try await database.application(request.application)))
        }

        table.register(ApplicationAPI.withdraw) { request, call in
            let today = call.state.today()
            let day = try request.on.map { try CivilDate.parseRecorded($0, field: "on") } ?? today
            let application = try await database.withdrawApplication(
                request.application, reason: request.reason, on: day, today: today, context: call.change())
            return ApplicationAPI.ApplicationReply(application: wire(application))
        }

        table.register(ApplicationAPI.checklist) { request, _ in
            let stored = try await database.onboardingChecklist(application: request.application)
            return ApplicationAPI.ChecklistReply(tenant: stored.tenant, tenantStatus: stored.tenantStatus.rawValue, items: wire(stored))
        }

        table.register(ApplicationAPI.tickChecklist) { request, call in
            let ticked = try await database.tickOnboardingItem(
                application: request.application, item: request.item, today: call.state.today(), context: call.change())
            return ApplicationAPI.TickChecklistReply(
                tenant: ticked.checklist.tenant, tenantStatus: ticked.checklist.tenantStatus.rawValue, items: wire(ticked.checklist),
                activated: ticked.activated)
        }
    }

    static func wire(_ stored: StoredOnboardingChecklist) -> [ApplicationAPI.ChecklistItem] {
        zip(stored.checklist.items, stored.tickedBy).map { item, by in
            ApplicationAPI.ChecklistItem(name: item.name, description: item.description, tickedOn: item.tickedOn?.description, tickedBy: by)
        }
    }

    static func wire(_ stored: StoredApplication) -> ApplicationAPI.Application {
        let form = stored.form
        return ApplicationAPI.Application(
            id: stored.id, status: stored.status.rawValue, tenant: stored.tenantID, tenantStatus: stored.tenantStatus?.rawValue,
            name: form.name, creditCode: form.creditCode, businessLines: form.businessLines.map(\.rawValue), origin: form.origin.rawValue,
            tags: form.tags, contactPerson: form.contactPerson, contactPhone: form.contactPhone, dispatchLicence: form.dispatchLicence,
            hrServiceLicence: form.hrServiceLicence, registeredCapital: form.registeredCapital.description, headcount: form.headcount,
            plannedOfficeArea: form.plannedOfficeArea.description, expectedAnnualRevenue: form.expectedAnnualRevenue.description,
            expectedAnnualTax: form.expectedAnnualTax.description, legalRepresentative: form.legalRepresentative,
            shareholders: form.shareholders.map { ApplicationAPI.Shareholder(name: $0.name, percent: Shareholder.percent($0.shareBasisPoints)) },
            groupParent: form.groupParent, statements: form.statements, appliedOn: form.appliedOn.description,
            checks: stored.checks.map { ApplicationAPI.Check(criterion: $0.criterion.rawValue, passed: $0.passed, reason: $0.reason) },
            withdrawnOn: stored.withdrawnOn?.description, withdrawalReason: stored.withdrawalReason, createdAt: stored.createdAt,
            createdBy: stored.createdBy)
    }
}
