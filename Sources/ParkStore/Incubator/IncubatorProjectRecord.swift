import GRDB
import ParkCore
import TableRow

/// A row of `incubatorProject`; its seats live in `incubatorSeat`.
@TableRow
struct IncubatorProjectRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "incubatorProject"

    var id: Int64?
    var name: String
    var founder: String
    var team: String?
    var university: String?
    var phdCount: Int
    var enteredOn: String
    var graduatedOn: String?
    var createdAt: String
    var updatedAt: String

    init(_ project: IncubatorProject, createdAt: String, updatedAt: String) {
        id = project.id
        name = project.name
        founder = project.founder
        team = project.team
        university = project.university
        phdCount = project.phdCount
        enteredOn = project.enteredOn.description
        graduatedOn = project.graduatedOn?.description
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The project occupying `seats`.
    func project(seats: [Int64]) throws -> IncubatorProject {
        let id = id ?? 0
        guard let entered = try? CivilDate.parse(enteredOn, field: "enteredOn") else {
            throw StoreError.unreadable("incubatorProject \(id)", "a date")
        }
        return IncubatorProject(
            id: id, name: name, founder: founder, team: team, university: university, phdCount: phdCount, seatIDs: seats,
            enteredOn: entered, graduatedOn: graduatedOn.flatMap { try? CivilDate.parse($0, field: "graduatedOn") })
    }
}
