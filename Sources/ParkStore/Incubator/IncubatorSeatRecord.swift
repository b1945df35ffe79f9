import GRDB
import TableRow

/// A row of `incubatorSeat`: an incubator unit a project occupies.
@TableRow
struct IncubatorSeatRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "incubatorSeat"

    var incubatorProjectId: Int64
    var rentalUnitId: Int64
}
