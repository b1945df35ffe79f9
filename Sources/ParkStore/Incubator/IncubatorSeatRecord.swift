import GRDB

/// A row of `incubatorSeat`: an incubator unit a project occupies.
struct IncubatorSeatRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "incubatorSeat"

    var incubatorProjectId: Int64
    var rentalUnitId: Int64

    enum Columns {
        static let rentalUnitId = Column(CodingKeys.rentalUnitId)
    }
}
