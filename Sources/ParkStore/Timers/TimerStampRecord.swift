import GRDB

/// A row of `timerStamp`: when a persistent timer was first started; never moved.
struct TimerStampRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "timerStamp"

    var timer: String
    var stampedAt: String
    var stampedAtMicros: Int64
}
