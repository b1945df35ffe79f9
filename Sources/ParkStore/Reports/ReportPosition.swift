import MemberwiseInit
import ParkCore

/// Where a page of reports ends, in their order (month, then tenant id): the cursor a client
/// passes to get the page after it, written `2021-06/17`.
@MemberwiseInit
public struct ReportPosition: Sendable, Equatable, CustomStringConvertible {
    public var month: Month
    public var tenantID: Int64

    public var description: String { "\(month)/\(tenantID)" }

    /// A cursor as a previous page gave it; `field` names the parameter in the error.
    public static func parse(_ text: String, field: String) throws(DomainError) -> ReportPosition {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let month = try? Month.parse(String(parts[0]), field: field), let id = Int64(parts[1]), id >= 0 else {
            throw DomainError.invalid(field, "'\(text)' is not a cursor returned by a previous page")
        }
        return ReportPosition(month: month, tenantID: id)
    }
}
