import MemberwiseInit

/// One reviewer's sheet for one applicant: a score for every criterion and, perhaps, a veto
/// with its reason. It is sealed until its session closes: nothing derived from it is shown
/// before then, and the audit trail holds only its commitment (`commitment(salt:)`).
public struct ScoreSheet: Equatable, Sendable {
    /// A veto on one of the rules' veto items, with the reviewer's reason.
    @MemberwiseInit
    public struct Veto: Equatable, Sendable {
        public var item: String
        public var reason: String
    }

    public var application: Int64
    public var reviewer: Reviewer
    /// A score for each criterion, in the rules' order.
    public var scores: [(criterion: String, score: Score)]
    public var veto: Veto?

    /// A sheet from what the reviewer wrote (criterion name and score text, in any order),
    /// checked against `rules`: every criterion scored once, 0...weight in steps of 0.5, no
    /// unknown criterion, a veto only on a veto item and always with a reason. Errors name
    /// the field (`criterion`, `veto`, `reason`) and the criterion, never the score.
    public init(
        application: Int64, reviewer: Reviewer, scores written: [(criterion: String, score: String)], veto: String?, reason: String?,
        rules: ScoringRules
    ) throws(DomainError) {
        var given: [String: Score] = [:]
        for (name, text) in written {
            guard let criterion = rules.criteria.first(where: { $0.name == name }) else {
                throw .invalid("criterion", "'\(name)' is not a criterion; score \(rules.criteria.map(\.name).joined(separator: ", "))")
            }
            guard given[name] == nil else { throw .invalid("criterion", "\(name) is scored twice") }
            let score: Score
            do {
                score = try Score.parse(text, field: "criterion")
            } catch {
                throw .invalid("criterion", "\(name): \(error.reason)")
            }
            guard score <= criterion.weight else {
                throw .invalid("criterion", "\(name): above its weight; score 0 to \(criterion.weight) in steps of 0.5")
            }
            given[name] = score
        }
        let missing = rules.criteria.map(\.name).filter { given[$0] == nil }
        guard missing.isEmpty else { throw .invalid("criterion", "\(missing.joined(separator: ", ")) not scored; score every criterion") }
        switch (veto, reason) {
        case (nil, nil):
            self.veto = nil
        case (nil, .some):
            throw .invalid("reason", "a reason goes with a veto; name the veto item")
        case (.some(let item), let reason):
            guard rules.vetoes.contains(where: { $0.name == item }) else {
                let items = rules.vetoes.map(\.name).joined(separator: ", ")
                throw .invalid("veto", "'\(item)' is not a veto item; " + (items.isEmpty ? "the rules have none" : "veto on \(items)"))
            }
            guard let reason else { throw .invalid("reason", "a veto needs its reason") }
            self.veto = Veto(item: item, reason: try FieldText.text(reason, field: "reason", maxLength: 500))
        }
        self.application = application
        self.reviewer = reviewer
        self.scores = rules.criteria.map { ($0.name, given[$0.name]!) }
    }

    /// Restores a sheet exactly as stored.
    public init(restoring application: Int64, reviewer: Reviewer, scores: [(criterion: String, score: Score)], veto: Veto?) {
        self.application = application
        self.reviewer = reviewer
        self.scores = scores
        self.veto = veto
    }

    /// The sum of the scores, in half-points.
    public var total: Score { Score(halfPoints: scores.reduce(0) { $0 + $1.score.halfPoints }) }

    /// What the commitment is computed over: every field of the sheet, in a fixed order.
    public var canonicalText: String {
        let scores = scores.map { "\($0.criterion)=\($0.score.halfPoints)" }.joined(separator: ";")
        return "sheet\napplication=\(application)\nuid=\(reviewer.uid)\nscores=\(scores)\nveto=\(veto?.item ?? "")\nreason=\(veto?.reason ?? "")"
    }

    /// SHA-256 of the salt (revealed when the session closes) and the sheet: what the audit
    /// trail records instead of the scores.
    public func commitment(salt: String) -> String { ScoreSheet.commitment(salt: salt, text: canonicalText) }

    public static func commitment(salt: String, text: String) -> String {
        ContentHash.sha256(Array("\(salt)\n\(text)".utf8))
    }

    public static func == (lhs: ScoreSheet, rhs: ScoreSheet) -> Bool { lhs.canonicalText == rhs.canonicalText }
}
