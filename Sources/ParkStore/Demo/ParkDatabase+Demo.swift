import GRDB
import ParkCore

/// What loading the demo park stored.
public struct DemoSummary: Sendable, Equatable {
    public var units: Int
    public var tenants: Int
    public var leases: Int
    public var projects: Int
    public var reports: Int
    public var events: Int
}

extension ParkDatabase {
    /// Loads the demo park into an empty park in one transaction: all of it, or nothing (a
    /// refused row, or a client that goes away, leaves the park as it was).
    public func loadDemo(
        _ demo: DemoPark, reports: [ImportedReport], reportProblems: [ImportProblem], reportsFile: ImportedFile, today: CivilDate,
        context: ChangeContext
    ) async throws -> DemoSummary {
        // The reports' file was staged, so the entry's parameters name only its import: the
        // outcome says which file it was and what was loaded.
        try await write(context, recording: { summary in
            "ok: reports file sha256 \(reportsFile.sha256) (\(reportsFile.bytes) bytes): \(summary.units) units, \(summary.tenants) tenants, "
                + "\(summary.leases) leases, \(summary.projects) projects, \(summary.reports) reports, \(summary.events) events"
        }) { db in
            let tenants = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tenant") ?? 0
            let units = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rentalUnit") ?? 0
            guard tenants == 0, units == 0 else {
                throw DomainError.invalid(
                    "park", "the park already holds \(tenants) tenant\(tenants == 1 ? "" : "s") and \(units) unit\(units == 1 ? "" : "s"); the demo loads only into an empty park")
            }
            let unitIDs = try demo.units.map { try ParkDatabase.createUnit(db, $0, context: context).unit.id! }
            for firm in demo.firms {
                let stored = try ParkDatabase.createTenant(db, firm.tenant, context: context)
                for (status, day, reason) in [
                    (TenantStatus.reviewing, firm.reviewedOn, "材料齐全，提交入驻评审会"), (.approved, firm.approvedOn, "入驻评审会通过"),
                ] {
                    _ = try ParkDatabase.transitionTenant(db, .id(stored.id), to: status, on: day, reason: reason, today: today, byHand: true, context: context)
                }
            }
            for lease in demo.leases {
                _ = try ParkDatabase.createLease(db, LeaseTerms(
                    tenant: TenantReference(lease.creditCode), unitIDs: lease.unitRows.map { unitIDs[$0 - 1] }, start: lease.start,
                    end: lease.end, rent: lease.rent, deposit: lease.deposit, billingDay: 1), today: today, context: context)
            }
            for project in demo.projects {
                _ = try ParkDatabase.createProject(db, try IncubatorProject(
                    name: project.name, founder: project.founder, team: nil, university: project.university, phdCount: project.phdCount,
                    seatIDs: [unitIDs[project.seatRow - 1]], enteredOn: project.enteredOn, today: today), context: context)
            }
            for demo in demo.events {
                var event = demo.event
                event.organiser = try demo.organiser.map { try ParkDatabase.loadTenant(db, TenantReference($0)).id }
                var record = ParkEventRecord(event, createdAt: context.at, updatedAt: context.at)
                try record.insert(db)
                // Demo events are single: their one occurrence has the event's own times.
                for occurrence in try event.schedule(calendar: .empty, rules: UTCRules()) {
                    try EventOccurrenceRecord(event: record.id!, occurrence).insert(db)
                    if let outcome = demo.outcome {
                        var outcomeRecord = EventOutcomeRecord(
                            event: record.id!, occurrence: occurrence.day, version: 1, outcome: outcome, reason: nil, recordedAt: context.at,
                            recordedBy: context.recordedBy)
                        try outcomeRecord.insert(db)
                    }
                }
            }
            let imported = try ParkDatabase.importReports(
                db, reports, alreadyFound: reportProblems, reason: "demo park", today: today, context: context)
            return DemoSummary(
                units: unitIDs.count, tenants: demo.firms.count, leases: demo.leases.count, projects: demo.projects.count,
                reports: imported.imported, events: demo.events.count)
        }
    }
}
