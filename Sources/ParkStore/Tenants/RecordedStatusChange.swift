import GRDB
import ParkCore

/// A status change with who recorded it and when.
public struct RecordedStatusChange: Sendable, Equatable {
    public var change: StatusChange
    public var recordedAt: String
    public var recordedBy: String
}
