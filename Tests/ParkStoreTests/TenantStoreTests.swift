import GRDB
import ParkCore
import ParkStore
import Testing

@Suite("Tenants in the store")
struct TenantStoreTests {
    @Test("a created tenant reads back by id and by credit code")
    func createAndRead() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            let stored = try await database.createTenant(try applicant(1, lines: ["dispatch", "training"]), context: context())
            #expect(stored.id == 1)
            #expect(stored.createdAt == "2026-11-29T08:00:00.000Z")
            let byCode = try await database.tenant(.creditCode(creditCode(1)))
            #expect(byCode == stored)
            #expect(byCode.tenant.businessLines == [.dispatch, .training])
            await #expect(throws: StoreError.noSuchTenant("99")) { try await database.tenant(.id(99)) }
        }
    }

    @Test("what a create returns is what a read of the tenant gives, every field of it (it is not read back)")
    func createdAsRead() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            let tenant = try Tenant(
                name: "济南人力资源服务有限公司", creditCode: creditCode(7), businessLines: ["training", "dispatch", "recruitment"],
                origin: "external", tags: ["zeta", "alpha", "incubator"], contactPerson: "王经理", contactPhone: "0531-88888888",
                dispatchLicence: "370100", hrServiceLicence: "HR-370100", appliedOn: CivilDate(year: 2026, month: 1, day: 5)!,
                today: CivilDate(year: 2026, month: 11, day: 29)!)
            _ = try await database.createTenant(try applicant(1), context: context())
            let created = try await database.createTenant(tenant, context: context())
            #expect(created == (try await database.tenant(.id(created.id))))
            #expect(created == (try await database.tenants(.init()).tenants.last))
            #expect(created.id == 2 && created.tenant.tags == ["alpha", "incubator", "zeta"] && created.tenant.history.isEmpty)
        }
    }

    @Test("credit codes are unique, and a refused create changes nothing but the audit trail")
    func uniqueCreditCode() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            _ = try await database.createTenant(try applicant(1), context: context())
            await #expect(throws: StoreError.creditCodeInUse(creditCode(1), by: 1)) {
                try await database.createTenant(try applicant(1), context: context())
            }
            #expect(try await database.tenants(.init()).tenants.count == 1)
            let audit = try await database.auditEntries(AuditQuery())
            #expect(audit.map(\.outcome) == ["failed: credit code \(creditCode(1)) already belongs to tenant 1", "ok"])
            #expect(audit.allSatisfy { $0.user == "operator" && $0.uid == 1000 && $0.pid == 4242 })
        }
    }

    @Test("lists page by id and filter by status and business line")
    func listing() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            for serial in 1...7 {
                _ = try await database.createTenant(try applicant(serial, lines: serial.isMultiple(of: 2) ? ["dispatch"] : ["training"]), context: context())
            }
            let first = try await database.tenants(TenantQuery(limit: 3))
            #expect(first.tenants.map(\.id) == [1, 2, 3])
            #expect(first.next == 3)
            let second = try await database.tenants(TenantQuery(limit: 3, afterID: first.next))
            #expect(second.tenants.map(\.id) == [4, 5, 6])
            let last = try await database.tenants(TenantQuery(limit: 3, afterID: second.next))
            #expect(last.tenants.map(\.id) == [7])
            #expect(last.next == nil)
            let dispatch = try await database.tenants(TenantQuery(businessLine: .dispatch))
            #expect(dispatch.tenants.map(\.id) == [2, 4, 6])
            _ = try await database.transitionTenant(
                .id(2), to: .reviewing, on: CivilDate(year: 2021, month: 2, day: 1)!, reason: "complete",
                today: CivilDate(year: 2026, month: 11, day: 29)!, context: context("io.parkd.Tenant.Transition"))
            #expect(try await database.tenants(TenantQuery(status: .reviewing)).tenants.map(\.id) == [2])
            #expect(try await database.tenantCounts() == [.applicant: 6, .reviewing: 1])
        }
    }

    @Test("transitions keep their history with who recorded them")
    func history() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            _ = try await database.createTenant(try applicant(1), context: context())
            let today = CivilDate(year: 2026, month: 11, day: 29)!
            for (status, day) in [(TenantStatus.reviewing, 10), (.approved, 20)] {
                _ = try await database.transitionTenant(
                    .id(1), to: status, on: CivilDate(year: 2021, month: 1, day: day)!, reason: "step to \(status)",
                    today: today, context: context("io.parkd.Tenant.Transition"))
            }
            await #expect(throws: DomainError.self) {
                try await database.transitionTenant(.id(1), to: .exited, on: today, reason: "x", today: today, context: context())
            }
            let stored = try await database.tenant(.id(1))
            #expect(stored.tenant.status == .approved)
            #expect(stored.history.map(\.change.to) == [.reviewing, .approved])
            #expect(stored.history.map(\.change.on.description) == ["2021-01-10", "2021-01-20"])
            #expect(stored.history.allSatisfy { $0.recordedBy == "operator" })
        }
    }

    @Test("updates replace lines and tags and may change the credit code to a free one")
    func updates() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            _ = try await database.createTenant(try applicant(1), context: context())
            _ = try await database.createTenant(try applicant(2), context: context())
            var edit = TenantEdit()
            edit.businessLines = ["headhunting", "consulting"]
            edit.addTags = ["hr-top-100"]
            edit.creditCode = creditCode(3)
            let updated = try await database.updateTenant(.id(1), edit: edit, context: context("io.parkd.Tenant.Update", at: "2026-11-30T00:00:00.000Z"))
            #expect(updated.tenant.businessLines == [.headhunting, .consulting])
            #expect(updated.tenant.tags == ["hr-top-100"])
            #expect(updated.tenant.creditCode.value == creditCode(3))
            #expect(updated.updatedAt == "2026-11-30T00:00:00.000Z")
            #expect(updated.createdAt == "2026-11-29T08:00:00.000Z")
            var taken = TenantEdit()
            taken.creditCode = creditCode(2)
            await #expect(throws: StoreError.creditCodeInUse(creditCode(2), by: 2)) {
                try await database.updateTenant(.id(1), edit: taken, context: context())
            }
            #expect(try await database.tenant(.id(1)) == updated)
        }
    }

    @Test("one tenant reads back exactly as a page of tenants shows it, history oldest first")
    func singleReadMatchesPage() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            let today = CivilDate(year: 2026, month: 11, day: 29)!
            for serial in 1...3 {
                _ = try await database.createTenant(try applicant(serial, lines: ["training", "recruitment", "dispatch"]), context: context())
                var edit = TenantEdit()
                edit.addTags = ["zz-last", "brand-a", "hr-top-100"]
                _ = try await database.updateTenant(.id(Int64(serial)), edit: edit, context: context("io.parkd.Tenant.Update"))
            }
            for (status, day) in [(TenantStatus.reviewing, 10), (.approved, 20), (.active, 25)] {
                _ = try await database.transitionTenant(
                    .id(2), to: status, on: CivilDate(year: 2021, month: 1, day: day)!, reason: "步骤, \"\(status)\"",
                    today: today, context: context("io.parkd.Tenant.Transition"))
            }
            let page = try await database.tenants(TenantQuery()).tenants
            for listed in page {
                #expect(try await database.tenant(.id(listed.id)) == listed)
                #expect(try await database.tenant(.creditCode(listed.tenant.creditCode.value)) == listed)
            }
            let second = try await database.tenant(.id(2))
            #expect(second.tenant.businessLines == [.recruitment, .dispatch, .training])
            #expect(second.tenant.tags == ["brand-a", "hr-top-100", "zz-last"])
            #expect(second.history.map(\.change.to) == [.reviewing, .approved, .active])
            #expect(second.history.map(\.change.reason) == ["步骤, \"reviewing\"", "步骤, \"approved\"", "步骤, \"active\""])
            #expect(try await database.tenant(.id(1)).history.isEmpty)
        }
    }

    @Test("reads see a change committed by another connection at once")
    func readsAreNotStale() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/parkd.sqlite"
            let database = try ParkDatabase(path: path)
            _ = try await database.createTenant(try applicant(1), context: context())
            #expect(try await database.tenant(.id(1)).tenant.name == "青岛人力资源公司1")
            // Like an operator's sqlite3 session: another connection, outside parkd's own writer.
            let other = try DatabaseQueue(path: path)
            try await other.write { db in try db.execute(sql: "UPDATE tenant SET name = '更名后的公司' WHERE id = 1") }
            #expect(try await database.tenant(.id(1)).tenant.name == "更名后的公司")
            try await other.write { db in try db.execute(sql: "DELETE FROM tenant WHERE id = 1") }
            await #expect(throws: StoreError.noSuchTenant("1")) { try await database.tenant(.id(1)) }
            try other.close()
        }
    }
}
