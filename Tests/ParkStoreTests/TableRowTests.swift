import GRDB
@testable import ParkStore
import TableRow
import Testing

/// A record of the shape the store's are: a rowid `id`, an optional column, a conversion
/// initialiser of its own (so `@TableRow` writes the memberwise one).
@TableRow
private struct VisitRecord: FetchableRecord, MutablePersistableRecord, PreparedInsertRecord, Equatable {
    static let databaseTableName = "visit"

    var id: Int64?
    var tenantId: Int64
    var visitor: String
    var note: String?
    var minutes: Int

    init(tenant: Int64, visitor: String) {
        self.init(id: nil, tenantId: tenant, visitor: visitor, note: nil, minutes: 0)
    }
}

/// A record without a rowid of its own, as the tenant's tags are.
@TableRow
private struct BadgeRecord: FetchableRecord, PersistableRecord, Equatable {
    static let databaseTableName = "badge"

    var tenantId: Int64
    var badge: String
}

@Suite("@TableRow: a record's row mapping, from its declared columns")
struct TableRowTests {
    private func database() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE visit (id INTEGER PRIMARY KEY, tenantId INTEGER NOT NULL, visitor TEXT NOT NULL, note TEXT, minutes INTEGER NOT NULL);
                CREATE TABLE badge (tenantId INTEGER NOT NULL, badge TEXT NOT NULL);
                """)
        }
        return queue
    }

    @Test("Columns names each declared property's column, in requests too")
    func columns() throws {
        #expect([VisitRecord.Columns.id, VisitRecord.Columns.tenantId, VisitRecord.Columns.visitor, VisitRecord.Columns.note, VisitRecord.Columns.minutes].map(\.name) == ["id", "tenantId", "visitor", "note", "minutes"])
        #expect(BadgeRecord.Columns.badge.name == "badge")
        let queue = try database()
        try queue.write { db in
            try BadgeRecord(tenantId: 7, badge: "incubator").insert(db)
            try BadgeRecord(tenantId: 8, badge: "new").insert(db)
            #expect(try BadgeRecord.filter(BadgeRecord.Columns.tenantId == 8).fetchAll(db) == [BadgeRecord(tenantId: 8, badge: "new")])
        }
    }

    @Test("an insert sets the rowid SQLite gives; a read finds each column by name, whatever the order or the other columns")
    func roundTrip() throws {
        let queue = try database()
        try queue.write { db in
            var visit = VisitRecord(tenant: 3, visitor: "王经理")
            visit.note = "签约"
            try visit.insert(db)
            #expect(visit.id == 1)
            visit.minutes = 45
            try visit.update(db)
            #expect(try VisitRecord.fetchOne(db, key: 1) == visit)
            let shuffled = try Row.fetchOne(db, sql: "SELECT 'x' AS other, minutes, note, visitor, tenantId, id FROM visit")!
            #expect(try VisitRecord(row: shuffled) == visit)
        }
    }

    @Test("a column a read leaves out is nil for an optional property, an error for another; a NULL where a value is declared is an error, not a crash")
    func missingAndNull() throws {
        let queue = try database()
        try queue.read { db in
            let withoutNote = try Row.fetchOne(db, sql: "SELECT 1 AS id, 2 AS tenantId, 'v' AS visitor, 3 AS minutes")!
            #expect(try VisitRecord(row: withoutNote).note == nil)
            let withoutVisitor = try Row.fetchOne(db, sql: "SELECT 1 AS id, 2 AS tenantId, 3 AS minutes")!
            #expect(throws: RowDecodingError.self) { try VisitRecord(row: withoutVisitor) }
            let nullVisitor = try Row.fetchOne(db, sql: "SELECT 1 AS id, 2 AS tenantId, NULL AS visitor, 3 AS minutes")!
            #expect(throws: RowDecodingError.self) { try VisitRecord(row: nullVisitor) }
            let textMinutes = try Row.fetchOne(db, sql: "SELECT 1 AS id, 2 AS tenantId, 'v' AS visitor, 'many' AS minutes")!
            #expect(throws: RowDecodingError.self) { try VisitRecord(row: textMinutes) }
        }
    }

    @Test("a prepared insert names every column but the rowid, and inserts what the record holds")
    func preparedInsert() throws {
        #expect(VisitRecord.insertSQL == #"INSERT INTO "visit" ("tenantId", "visitor", "note", "minutes") VALUES (?, ?, ?, ?)"#)
        let queue = try database()
        try queue.write { db in
            var visit = VisitRecord(tenant: 5, visitor: "李主任")
            visit.minutes = 30
            let rowID = try visit.insertPrepared(db)
            visit.id = rowID
            #expect(try VisitRecord.fetchOne(db, key: rowID) == visit)
        }
    }
}
