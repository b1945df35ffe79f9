/// The rules of one time zone: which local time type is in force at each instant.
///
/// `CalendarSpec.next(after:in:)` needs nothing more: it maps local times back to instants
/// itself (`LocalTimeResolver`), so gaps and folds are resolved the same way for every zone.
public protocol TimeZoneRules: Sendable {
    /// The local time type in force at `second` (seconds since the epoch, UTC).
    func localTimeType(at second: Int64) -> LocalTimeType
}
