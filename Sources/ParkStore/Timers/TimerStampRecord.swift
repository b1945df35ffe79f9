import GRDB
import TableRow

/// A row of `timerStamp`: when a persistent timer was first started; never moved.
@TableRow
struct TimerStampRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "timerStamp"

    var timer: String
    var stampedAt: String
    var stampedAtMicros: Int64
}
