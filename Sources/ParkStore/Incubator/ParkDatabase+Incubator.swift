import GRDB
import ParkCore

/// A project with the labels of its seats (`B-101`), in the order of its seat ids.
public struct StoredProject: Sendable, Equatable {
    public var project: IncubatorProject
    public var seatLabels: [String]
}

extension ParkDatabase {
    /// Admits a project to the incubator. Its seats must be incubator units no other project
    /// occupies on any of its days.
    public func createProject(_ project: IncubatorProject, context: ChangeContext) async throws -> StoredProject {
        try await write(context) { db in
            try ParkDatabase.labelled(db, [ParkDatabase.createProject(db, project, context: context)])[0]
        }
    }

    /// `createProject` inside a transaction the caller holds (the demo park loads in one).
    static func createProject(_ db: Database, _ project: IncubatorProject, context: ChangeContext) throws -> IncubatorProject {
        var seats: [Int64: RentalUnit] = [:], leases: [Int64: UnitHolding] = [:]
        for seat in project.seatIDs {
            seats[seat] = try ParkDatabase.loadUnit(db, seat).unit
            leases[seat] = try ParkDatabase.unitHoldings(db, unit: seat, from: project.enteredOn).first(where: \.isLease)
        }
        try project.checkAdmission(seats: seats, projects: try ParkDatabase.loadProjects(db), leases: leases)
        var record = IncubatorProjectRecord(project, createdAt: context.at, updatedAt: context.at)
        try record.insert(db)
        let id = record.id!
        for seat in project.seatIDs { try IncubatorSeatRecord(incubatorProjectId: id, rentalUnitId: seat).insert(db) }
        return try ParkDatabase.loadProjects(db, id: id)[0]
    }

    /// Records a project's graduation: `day` is the first day it is gone.
    public func graduateProject(_ id: Int64, on day: CivilDate, today: CivilDate, context: ChangeContext) async throws -> StoredProject {
        try await write(context) { db in
            guard let record = try IncubatorProjectRecord.fetchOne(db, key: id) else { throw StoreError.noSuchProject(id) }
            var project = try record.project(seats: ParkDatabase.projectSeats(db)[id] ?? [])
            try project.graduate(on: day, today: today)
            try IncubatorProjectRecord(project, createdAt: record.createdAt, updatedAt: context.at).update(db)
            return try ParkDatabase.labelled(db, [project])[0]
        }
    }

    /// Projects by id; with `on`, only those incubating that day.
    public func projects(on day: CivilDate? = nil) async throws -> [StoredProject] {
        try await read { db in
            let all = try ParkDatabase.loadProjects(db)
            return try ParkDatabase.labelled(db, day.map { day in all.filter { $0.isIncubating(on: day) } } ?? all)
        }
    }

    /// The projects with their seats' labels.
    static func labelled(_ db: Database, _ projects: [IncubatorProject]) throws -> [StoredProject] {
        var labels: [Int64: String] = [:]
        let sql = "SELECT id, building, number FROM rentalUnit WHERE id IN (SELECT rentalUnitId FROM incubatorSeat)"
        for row in try Row.fetchAll(db, sql: sql) {
            labels[row["id"]] = RentalUnit.label(building: row["building"], number: row["number"])
        }
        return projects.map { StoredProject(project: $0, seatLabels: $0.seatIDs.map { labels[$0] ?? String($0) }) }
    }

    /// Seats occupied on a day out of all incubator seats.
    public func incubatorOccupancy(on day: CivilDate) async throws -> IncubatorOccupancy {
        try await read { db in try ParkDatabase.incubatorOccupancy(db, on: day) }
    }

    static func incubatorOccupancy(_ db: Database, on day: CivilDate) throws -> IncubatorOccupancy {
        let seats: Int = try RentalUnitRecord.inPark(kind: .incubator, on: day).fetchOne(db)?["units"] ?? 0
        return IncubatorOccupancy.on(day, projects: try loadProjects(db), seats: seats)
    }

    static func loadProjects(_ db: Database, id: Int64? = nil) throws -> [IncubatorProject] {
        let seats = try projectSeats(db)
        let request = id.map { IncubatorProjectRecord.filter(key: $0) } ?? IncubatorProjectRecord.all()
        return try request.order(IncubatorProjectRecord.Columns.id).fetchAll(db).map { record in
            try record.project(seats: seats[record.id ?? 0] ?? [])
        }
    }

    /// The seats of every project, by unit id.
    private static func projectSeats(_ db: Database) throws -> [Int64: [Int64]] {
        var seats: [Int64: [Int64]] = [:]
        for seat in try IncubatorSeatRecord.order(IncubatorSeatRecord.Columns.rentalUnitId).fetchAll(db) {
            seats[seat.incubatorProjectId, default: []].append(seat.rentalUnitId)
        }
        return seats
    }
}
