import Foundation
import GRDB
import ParkCore
@testable import ParkStore
import Testing

@Suite("Records inserted through prepared statements")
struct PreparedInsertTests {
    /// Every record that `insertPrepared` inserts, with a value in every column it encodes
    /// (the tenant's `id` aside: SQLite gives it). They point at tenant 1.
    static func samples() throws -> [(table: String, record: any PreparedInsertRecord & EncodableRecord)] {
        var tenant = TenantRecord(try applicant(1), createdAt: "2026-11-29T08:00:00.000Z", updatedAt: "2026-11-30T08:00:00.000Z")
        tenant.contactPerson = "王经理"
        tenant.contactPhone = "0531-1234567"
        tenant.dispatchLicence = "劳务派遣 370100"
        tenant.hrServiceLicence = "人力资源 370100"
        let entry = AuditEntry(
            id: 42, at: "2026-11-29T08:00:00.000Z", uid: 1000, user: "operator", pid: 4242, method: "io.parkd.Tenant.Create",
            parameters: "{\"name\":\"x\"}", outcome: "ok", previousHash: String(repeating: "a", count: 64), keyID: "0123456789abcdef",
            hash: String(repeating: "b", count: 64))
        return [
            ("tenant", tenant),
            ("tenantBusinessLine", TenantBusinessLineRecord(tenantId: 1, .dispatch)),
            ("tenantTag", TenantTagRecord(tenantId: 1, tag: "incubator")),
            ("auditEntry", AuditEntryRecord(entry)),
        ]
    }

    @Test("each inserts exactly the columns and values GRDB's encoding of the record holds")
    func sameRowAsEncoding() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            defer { try? database.close() }
            _ = try await database.createTenant(try applicant(2), context: context())
            for (table, record) in try Self.samples() {
                let encoded = try record.databaseDictionary.filter { !$0.value.isNull }
                let columns = try #require(Self.columns(of: type(of: record).insertSQL))
                #expect(Set(columns) == Set(encoded.keys), "\(table): insertSQL names \(columns.sorted()), the encoding \(encoded.keys.sorted())")
                let rowID = try await database.pool.write { db in try record.insertPrepared(db) }
                let inserted = try database.pool.read { db in
                    try Row.fetchOne(db, sql: "SELECT * FROM \(table) WHERE rowid = ?", arguments: [rowID])
                }
                let row = try #require(inserted)
                for (column, value) in encoded {
                    #expect(row[column] as DatabaseValue == value, "\(table).\(column): inserted \(row[column] as DatabaseValue), encoded \(value)")
                }
            }
        }
    }

    /// The column names of `INSERT INTO t ("a", "b") VALUES (…)`.
    static func columns(of sql: String) -> [String]? {
        guard let open = sql.firstIndex(of: "("), let close = sql.firstIndex(of: ")") else { return nil }
        return sql[sql.index(after: open)..<close].split(separator: ",").map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: " \""))
        }
    }
}
