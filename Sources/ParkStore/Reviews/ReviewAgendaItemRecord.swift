import GRDB
import TableRow

/// A row of `reviewAgendaItem`: an application on a session's agenda, in the agenda's order.
@TableRow
struct ReviewAgendaItemRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "reviewAgendaItem"

    var reviewSessionId: Int64
    var applicationId: Int64
    var position: Int
}
