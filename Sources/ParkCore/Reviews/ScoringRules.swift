import MemberwiseInit

/// What a review sheet scores, as the configuration sets it (`reviews.scoring`): the criteria
/// with their weights (each scored 0...weight in steps of 0.5), the single-veto items, and the
/// pass threshold. A session keeps the rules in force when its first sheet arrives.
public struct ScoringRules: Equatable, Sendable {
    /// A criterion and its weight, the most it scores.
    @MemberwiseInit
    public struct Criterion: Equatable, Sendable {
        public var name: String
        public var weight: Score
    }

    /// An item a single reviewer may veto an applicant on, whatever its score.
    @MemberwiseInit
    public struct VetoItem: Equatable, Sendable {
        public var name: String
        public var description: String
    }

    public var criteria: [Criterion]
    public var vetoes: [VetoItem]
    /// Hundredths of a point: a result equal to it passes.
    public var thresholdHundredths: Int

    /// The park's rules: qualifications 20, brand and influence 20, service capability 20,
    /// expected economic contribution 25, fit with the industry chain 15; a veto on a record on
    /// the dishonest-debtor list; pass at 70.00.
    public static let park = ScoringRules(restoring: [
        Criterion(name: "qualifications", weight: Score(halfPoints: 40)),
        Criterion(name: "brandInfluence", weight: Score(halfPoints: 40)),
        Criterion(name: "serviceCapability", weight: Score(halfPoints: 40)),
        Criterion(name: "economicContribution", weight: Score(halfPoints: 50)),
        Criterion(name: "industryChainFit", weight: Score(halfPoints: 30)),
    ], vetoes: [VetoItem(name: "dishonestDebtor", description: "a record on the dishonest-debtor list (失信被执行人)")], thresholdHundredths: 7000)

    /// Rules as configured, checked: at least one criterion, names unique and plain, weights above 0,
    /// a pass threshold from 0 to the most a sheet totals.
    public init(criteria: [Criterion], vetoes: [VetoItem], thresholdHundredths: Int) throws(DomainError) {
        guard !criteria.isEmpty else { throw .invalid("criteria", "give at least one criterion") }
        var names = Set<String>()
        for name in criteria.map(\.name) + vetoes.map(\.name) {
            guard !name.isEmpty, name.count <= 40, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw .invalid("criteria", "'\(name)' is not a name: letters, digits and _ only, at most 40")
            }
            guard names.insert(name).inserted else { throw .invalid("criteria", "\(name) is named twice") }
        }
        for criterion in criteria where criterion.weight.halfPoints <= 0 {
            throw .invalid("criteria", "\(criterion.name) has no weight; a weight is above 0")
        }
        guard thresholdHundredths >= 0 else { throw .invalid("pass_threshold", "below 0") }
        self.init(restoring: criteria, vetoes: vetoes, thresholdHundredths: thresholdHundredths)
        let most = maximumHalfPoints * 50
        guard thresholdHundredths <= most else {
            throw .invalid("pass_threshold", "\(DecimalText.format(Int64(thresholdHundredths), places: 2)) is above the most a sheet totals, "
                + "\(DecimalText.format(Int64(most), places: 2)): no applicant could pass")
        }
    }

    /// Restores rules exactly as stored.
    public init(restoring criteria: [Criterion], vetoes: [VetoItem], thresholdHundredths: Int) {
        self.criteria = criteria
        self.vetoes = vetoes
        self.thresholdHundredths = thresholdHundredths
    }

    /// The most a sheet totals, in half-points.
    public var maximumHalfPoints: Int { criteria.reduce(0) { $0 + $1.weight.halfPoints } }
}
