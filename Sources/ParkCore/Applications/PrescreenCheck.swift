/// One criterion of the prescreen applied to one application, with the reason in words.
public struct PrescreenCheck: Equatable, Sendable {
    public var criterion: PrescreenCriterion
    public var passed: Bool
    public var reason: String

    public init(criterion: PrescreenCriterion, passed: Bool, reason: String) {
        self.criterion = criterion
        self.passed = passed
        self.reason = reason
    }
}
