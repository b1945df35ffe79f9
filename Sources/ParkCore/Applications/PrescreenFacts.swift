import MemberwiseInit

/// What the park holds about an applicant when its application arrives: what the prescreen
/// checks the application against besides its own fields.
@MemberwiseInit
public struct PrescreenFacts: Equatable, Sendable {
    /// The registry's record of the firm (same credit code), if it has one.
    public var tenant: Tenant? = nil
    /// The firm's other open application, if any.
    public var openApplication: Int64? = nil
    /// The firm's entry on the park's blocklist, if it is listed.
    public var blocklisted: BlocklistEntry? = nil
}
