import MemberwiseInit

/// One criterion of the prescreen applied to one application, with the reason in words.
@MemberwiseInit
public struct PrescreenCheck: Equatable, Sendable {
    public var criterion: PrescreenCriterion
    public var passed: Bool
    public var reason: String
}
