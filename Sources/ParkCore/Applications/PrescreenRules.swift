/// The prescreen as the configuration sets it: which criteria apply and the capital threshold.
public struct PrescreenRules: Equatable, Sendable {
    /// The criteria applied, in the order they are listed.
    public var criteria: [PrescreenCriterion]
    public var minimumRegisteredCapital: Money

    /// The park's rules: every criterion, registered capital at least 2,000,000 yuan.
    public static let park = PrescreenRules(criteria: PrescreenCriterion.allCases, minimumRegisteredCapital: Money(fen: 200_000_000))

    public init(criteria: [PrescreenCriterion], minimumRegisteredCapital: Money) {
        self.criteria = PrescreenCriterion.allCases.filter(criteria.contains)
        self.minimumRegisteredCapital = minimumRegisteredCapital
    }
}
