/// The demo park as its files describe it (units.csv, tenants.csv, leases.csv, incubator.csv;
/// the reports come through `ReportImport`), every value checked before anything is stored.
/// Leases and seats name units by their row in units.csv (1 is the first unit).
public struct DemoPark: Sendable {
    /// A firm and the day it moved in: it applied 60 days before, was put to the entry review 45
    /// days before and approved 15 days before.
    public struct Firm: Sendable {
        public var tenant: Tenant
        public var movedIn: CivilDate
        public var reviewedOn: CivilDate { movedIn.adding(days: -45) }
        public var approvedOn: CivilDate { movedIn.adding(days: -15) }
    }

    public struct SignedLease: Sendable {
        public var creditCode: String
        /// Rows of units.csv, from 1.
        public var unitRows: [Int]
        public var start: CivilDate
        public var end: CivilDate
        public var rent: Money
        public var deposit: Money
    }

    public struct Project: Sendable {
        public var name: String
        public var founder: String
        public var university: String?
        public var phdCount: Int
        /// Row of units.csv, from 1.
        public var seatRow: Int
        public var enteredOn: CivilDate
    }

    public var units: [RentalUnit]
    public var firms: [Firm]
    public var leases: [SignedLease]
    public var projects: [Project]
    /// The events of events.csv (`DemoEvent.parse`); none when the directory has no such file.
    public var events: [DemoEvent] = []

    /// Reads the four files; the first bad value is refused with its file, line and column.
    public static func parse(units: String, tenants: String, leases: String, incubator: String, today: CivilDate) throws(DomainError) -> DemoPark {
        let unitRows = try rows(units, file: "units.csv")
        var park = DemoPark(units: [], firms: [], leases: [], projects: [])
        for row in unitRows {
            park.units.append(try row.value { row throws(DomainError) in
                try RentalUnit(
                    building: row.cell("building"), floor: row.optional("floor"), number: row.cell("number"),
                    area: Area.parse(row.cell("area"), field: "area"), kind: UnitKind.parse(row.cell("kind")),
                    listRent: Money.parse(row.cell("rent"), field: "rent", atMost: Lease.rentLimit), availableFrom: today)
            })
        }
        for row in try rows(tenants, file: "tenants.csv") {
            park.firms.append(try row.value { row throws(DomainError) in
                let movedIn = try CivilDate.parseRecorded(row.cell("movedIn"), field: "movedIn")
                let tenant = try Tenant(
                    name: row.cell("name"), creditCode: row.cell("creditCode"), businessLines: row.words("businessLines"),
                    origin: row.optional("origin") ?? "local", tags: row.words("tags"), appliedOn: movedIn.adding(days: -60), today: today)
                return Firm(tenant: tenant, movedIn: movedIn)
            })
        }
        for row in try rows(leases, file: "leases.csv") {
            park.leases.append(try row.value { row throws(DomainError) in
                var leased: [Int] = []
                for word in row.words("units") { leased.append(try unitRow(word, of: unitRows.count, field: "units")) }
                return SignedLease(
                    creditCode: try row.cell("tenant"), unitRows: leased,
                    start: try CivilDate.parseRecorded(row.cell("start"), field: "start"), end: try CivilDate.parseRecorded(row.cell("end"), field: "end"),
                    rent: try Money.parse(row.cell("rent"), field: "rent", atMost: Lease.rentLimit),
                    deposit: try row.optional("deposit").map { text throws(DomainError) in try Money.parse(text, field: "deposit") } ?? Money(fen: 0))
            })
        }
        for row in try rows(incubator, file: "incubator.csv") {
            park.projects.append(try row.value { row throws(DomainError) in
                guard let phdCount = Int(row.optional("phdCount") ?? "0") else { throw .invalid("phdCount", "not a whole number") }
                return Project(
                    name: try row.cell("name"), founder: try row.cell("founder"), university: row.optional("university"), phdCount: phdCount,
                    seatRow: try unitRow(row.cell("seat"), of: unitRows.count, field: "seat"),
                    enteredOn: try CivilDate.parseRecorded(row.cell("enteredOn"), field: "enteredOn"))
            })
        }
        // The units are the park's from its first day in the files: the earliest application,
        // lease or project.
        let opening = (park.firms.map(\.tenant.appliedOn) + park.leases.map(\.start) + park.projects.map(\.enteredOn)).min() ?? today
        for index in park.units.indices { park.units[index].availableFrom = opening }
        return park
    }

    private static func unitRow(_ text: String, of count: Int, field: String) throws(DomainError) -> Int {
        guard let row = Int(text), (1...count).contains(row) else {
            throw .invalid(field, "'\(text)' is not a row of units.csv (1 to \(count))")
        }
        return row
    }

    /// One row of a demo file: a header row names the columns.
    struct Row {
        let file: String
        let line: Int
        let cells: [String: String]

        func optional(_ column: String) -> String? {
            cells[column].flatMap { $0.isEmpty ? nil : $0 }
        }

        func cell(_ column: String) throws(DomainError) -> String {
            guard let value = optional(column) else { throw .invalid(column, "is missing") }
            return value
        }

        func words(_ column: String) -> [String] {
            (optional(column) ?? "").split(separator: " ").map(String.init)
        }

        /// A value made of this row, its errors placed at the file and line.
        func value<T>(_ make: (Row) throws(DomainError) -> T) throws(DomainError) -> T {
            do {
                return try make(self)
            } catch {
                throw .invalid(error.field, "\(file) line \(line): \(error.reason)")
            }
        }
    }

    /// The rows of a demo file read as the report import reads a CSV file (a spreadsheet's BOM
    /// and CRLF line ends included), each cell by its column's name.
    static func rows(_ text: String, file: String) throws(DomainError) -> [Row] {
        let table: [(line: Int, cells: [String])]
        do { table = try CSV.rows(text) } catch { throw .invalid(file, "line \(error.line): \(error.reason)") }
        guard let header = table.first?.cells else { throw .invalid(file, "is empty; it needs a header row") }
        return table.dropFirst().map { row in
            Row(file: file, line: row.line, cells: Dictionary(zip(header, row.cells).map { ($0, $1) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}
